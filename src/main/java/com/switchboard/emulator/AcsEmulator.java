package com.switchboard.emulator;

import com.nimbusds.jwt.JWTClaimsSet;
import com.switchboard.emulator.calling.CallingApi;
import com.switchboard.emulator.calling.OpenIdApi;
import com.switchboard.emulator.control.ControlApi;
import com.switchboard.emulator.control.EmulatorControl;
import com.switchboard.emulator.delivery.CallbackDispatcher;
import com.switchboard.emulator.delivery.CallbackTokenIssuer;
import com.switchboard.emulator.delivery.DeliveredEvent;
import com.switchboard.emulator.delivery.DeliveryLog;
import com.switchboard.emulator.delivery.EventGridPublisher;
import com.switchboard.emulator.delivery.EventGridSchema;
import com.switchboard.emulator.delivery.EventGridSubscriptionStatus;
import com.switchboard.emulator.faults.FaultInjector;
import com.switchboard.emulator.faults.FaultKind;
import com.switchboard.emulator.faults.FaultedAction;
import com.switchboard.emulator.faults.Faults;
import com.switchboard.emulator.http.DaemonThreads;
import com.switchboard.emulator.http.EmulatorHttpServer;
import com.switchboard.emulator.http.TlsContexts;
import com.switchboard.emulator.media.MediaEngine;
import com.switchboard.emulator.media.MediaSnapshot;
import com.switchboard.emulator.media.CallInput;
import com.switchboard.emulator.model.AcsApiException;
import com.switchboard.emulator.media.CallerRule;
import com.switchboard.emulator.media.MediaSettings;
import com.switchboard.emulator.media.RecognitionSnapshot;
import com.switchboard.emulator.media.Tone;
import com.switchboard.emulator.recording.CallRecordings;
import com.switchboard.emulator.recording.RecordingSnapshot;
import com.switchboard.emulator.telephony.CallEngine;
import com.switchboard.emulator.telephony.CallLocator;
import com.switchboard.emulator.telephony.CallSnapshot;
import com.switchboard.emulator.telephony.Conferences.Conference;
import com.switchboard.emulator.telephony.IncomingCallRequest;
import com.switchboard.emulator.telephony.IncomingCallResult;
import com.switchboard.emulator.telephony.IncomingCallSnapshot;
import com.switchboard.emulator.telephony.PhoneNetwork;
import com.switchboard.emulator.telephony.PhoneRule;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An in-process emulator of Azure Communication Services Call Automation: an HTTPS server speaking the Call
 * Automation REST API (HMAC-signed, api-versions 2023-03-06 to 2026-03-12) so the official SDK works against it
 * unchanged, an emulated phone network driven by {@link PhoneRule}s, and callback events POSTed to the
 * application as ACS does. Calls to the application arrive through an emulated Event Grid subscription
 * ({@link #placeIncomingCall(IncomingCallRequest)}), and rooms and group calls can be registered for connect.
 *
 * <p>Every callback POST carries {@code Authorization: Bearer <JWT>} (RS256) as ACS signs it: issuer
 * {@link #jwtIssuer()}, audience {@link #resourceId()}; the keys that verify it are published without
 * authentication at the service's paths, {@code /calling/keys}, found through {@link #openIdConfigurationUrl()}.
 *
 * <p>A {@link Faults} plan ({@link #setFaults(Faults)}, off by default) makes it misbehave as ACS does at times:
 * duplicated, reordered, delayed and retried callbacks, callbacks before the action's response, throttled and
 * failing actions.
 *
 * <p>It is driven through {@link EmulatorControl}, the same operations its control API serves over HTTP.
 *
 * <pre>{@code
 * try (AcsEmulator emulator = AcsEmulator.start(EmulatorSettings.defaults().withPort(0))) {
 *     CallAutomationClient client = new CallAutomationClientBuilder()
 *         .connectionString(emulator.connectionString()).httpClient(trustingEmulatorCert).buildClient();
 * }
 * }</pre>
 */
public final class AcsEmulator implements EmulatorControl, AutoCloseable {

    private static final int DELIVERY_LOG_CAPACITY = 10_000;
    /** How long after the start request's answer a recording begins (RecordingStateChanged active). */
    private static final Duration RECORDING_START_LATENCY = Duration.ofMillis(20);

    private final ScheduledThreadPoolExecutor scheduler;
    private final CallbackDispatcher dispatcher;
    private final EventGridPublisher eventGrid;
    private final DeliveryLog deliveries;
    private final DeliveryLog eventGridDeliveries;
    private final CallbackTokenIssuer tokens;
    private final FaultInjector faults;
    private final PhoneNetwork network;
    private final CallEngine engine;
    private final CallRecordings recordings;
    private final MediaEngine media;
    private final CallInput input;
    private final EmulatorHttpServer server;
    private final String accessKey;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AcsEmulator(EmulatorSettings settings) {
        this.accessKey = settings.accessKey();
        this.scheduler = new ScheduledThreadPoolExecutor(2, DaemonThreads.named("acs-emulator-timer"));
        scheduler.setRemoveOnCancelPolicy(true);
        this.deliveries = new DeliveryLog(DELIVERY_LOG_CAPACITY);
        this.tokens = new CallbackTokenIssuer(settings.jwtIssuer(), settings.resourceId(), settings.jwtLifetime(),
            Clock.systemUTC());
        this.faults = new FaultInjector(settings.faults());
        this.dispatcher = new CallbackDispatcher(scheduler, settings.callbackAttempts(), settings.callbackBackoff(),
            deliveries, tokens, faults);
        this.eventGridDeliveries = new DeliveryLog(DELIVERY_LOG_CAPACITY);
        this.eventGrid = new EventGridPublisher(scheduler, settings.callbackAttempts(), settings.callbackBackoff(),
            eventGridDeliveries);
        eventGrid.subscribe(settings.eventGridUrl(), settings.eventGridSchema());
        this.network = new PhoneNetwork(scheduler, settings.rules(), settings.answerDelay(), settings.ringTimeout());
        this.engine = new CallEngine(settings.resourceId(), network, dispatcher, eventGrid,
            settings.incomingCallTimeout(), settings.appIdentities());
        this.recordings = new CallRecordings(engine.connections(), dispatcher,
            action -> scheduler.schedule(action, RECORDING_START_LATENCY.toMillis(), TimeUnit.MILLISECONDS));
        this.media = new MediaEngine(engine, dispatcher, scheduler, settings.media());
        this.input = new CallInput(engine, media, dispatcher, scheduler, settings.media(), settings.callers());
        try {
            this.server = EmulatorHttpServer.bind(new InetSocketAddress(settings.bindAddress(), settings.port()),
                TlsContexts.fromPem(settings.certificate(), settings.privateKey()), settings.serverThreads());
        } catch (RuntimeException e) {
            eventGrid.close();
            dispatcher.close();
            scheduler.shutdownNow();
            throw e;
        }
        eventGrid.setValidationEndpoint(endpoint());
        server.serve(List.of(
            new OpenIdApi(tokens, "localhost:" + server.port()),
            new ControlApi(this),
            new CallingApi(engine, settings.accessKey(), settings.participantsPageSize(), faults, dispatcher,
                recordings, media, input)));
    }

    /** Binds the HTTPS server and starts serving; {@code settings.port() == 0} picks a free port. */
    public static AcsEmulator start(EmulatorSettings settings) {
        return new AcsEmulator(settings);
    }

    public int port() {
        return server.port();
    }

    /** The endpoint for the SDK: {@code https://localhost:<port>/}. */
    public String endpoint() {
        return "https://localhost:" + port() + "/";
    }

    /** {@code endpoint=https://localhost:<port>/;accesskey=<access key>}. */
    public String connectionString() {
        return "endpoint=" + endpoint() + ";accesskey=" + accessKey;
    }

    /** The emulated resource's immutable id: the audience ({@code aud}) of the callback tokens. */
    public String resourceId() {
        return tokens.audience();
    }

    /** The issuer ({@code iss}) of the callback tokens. */
    public String jwtIssuer() {
        return tokens.issuer();
    }

    /**
     * {@code <endpoint>calling/.well-known/acsopenidconfiguration}: the OpenID configuration whose {@code jwks_uri}
     * lists the keys that verify callback tokens. Served without authentication.
     */
    public String openIdConfigurationUrl() {
        return endpoint() + OpenIdApi.OPENID_CONFIGURATION_PATH.substring(1);
    }

    @Override
    public List<CallSnapshot> calls() {
        return engine.connections().snapshots();
    }

    @Override
    public Optional<CallSnapshot> call(String callConnectionId) {
        return engine.connections().snapshot(callConnectionId);
    }

    @Override
    public List<RecordingSnapshot> recordings(String callConnectionId) {
        return recordings.recordings(callConnectionId);
    }

    @Override
    public MediaSnapshot media(String callConnectionId) {
        return media.media(callConnectionId).withRecognitions(input.recorded(callConnectionId));
    }

    @Override
    public void press(String callConnectionId, String rawId, String tones) {
        List<Tone> keys;
        try {
            keys = Tone.parseKeys(tones == null ? "" : tones);
        } catch (IllegalArgumentException e) {
            throw AcsApiException.invalidArgument(e.getMessage());
        }
        if (keys.isEmpty()) {
            throw AcsApiException.invalidArgument("The field 'tones' needs at least one key (0-9, *, #, A-D).");
        }
        input.press(callConnectionId, rawId, keys);
    }

    @Override
    public void say(String callConnectionId, String rawId, String phrase, double confidence) {
        input.say(callConnectionId, rawId, phrase, confidence);
    }

    @Override
    public void setCallers(List<CallerRule> callers) {
        input.setCallers(callers);
    }

    @Override
    public List<CallerRule> callers() {
        return input.callers();
    }

    @Override
    public List<RecognitionSnapshot> recognitions(String callConnectionId) {
        return input.recognitions(callConnectionId);
    }

    /** The media input engine: recognize, continuous DTMF and the scripted caller. */
    public CallInput input() {
        return input;
    }

    /** The media engine: the calls' media queues (plays, recognizes, send DTMF), hold music and mutes. */
    public MediaEngine mediaEngine() {
        return media;
    }

    @Override
    public void hangUpParticipant(String callConnectionId, String rawId) {
        engine.hangUpParticipant(callConnectionId, rawId);
    }

    @Override
    public IncomingCallResult placeIncomingCall(IncomingCallRequest request) {
        return engine.inbound().place(request);
    }

    @Override
    public void hangUpIncomingCall(String serverCallId) {
        engine.inbound().callerHangsUp(serverCallId);
    }

    @Override
    public List<IncomingCallSnapshot> incomingCalls() {
        return engine.inbound().snapshots();
    }

    @Override
    public Optional<IncomingCallSnapshot> incomingCall(String serverCallId) {
        return engine.inbound().snapshot(serverCallId);
    }

    @Override
    public void setIncomingCallTimeout(Duration timeout) {
        engine.inbound().setTimeout(timeout);
    }

    @Override
    public void setAppIdentities(List<String> globs) {
        engine.inbound().setAppIdentities(globs);
    }

    @Override
    public Conference createRoom(String roomId, List<String> participantRawIds) {
        return engine.conferences().register(CallLocator.Kind.ROOM, roomId, participantRawIds);
    }

    @Override
    public Conference createGroupCall(String groupCallId, List<String> participantRawIds) {
        return engine.conferences().register(CallLocator.Kind.GROUP_CALL, groupCallId, participantRawIds);
    }

    @Override
    public void setEventGridSubscription(String url, EventGridSchema schema) {
        eventGrid.subscribe(url, schema);
    }

    @Override
    public EventGridSubscriptionStatus eventGridSubscription() {
        return eventGrid.status();
    }

    @Override
    public boolean validateEventGridSubscription(String validationCode) {
        return eventGrid.validateManually(validationCode);
    }

    @Override
    public List<DeliveredEvent> eventGridDeliveries() {
        return eventGridDeliveries.snapshot();
    }

    @Override
    public List<DeliveredEvent> deliveredEvents() {
        return deliveries.snapshot();
    }

    @Override
    public void clearDeliveredEvents() {
        deliveries.clear();
    }

    @Override
    public String issueCallbackToken() {
        return tokens.issue();
    }

    @Override
    public String signCallbackToken(JWTClaimsSet claims) {
        return tokens.sign(claims);
    }

    @Override
    public void rotateSigningKey() {
        tokens.rotate();
    }

    @Override
    public void setFaults(Faults plan) {
        faults.set(Objects.requireNonNull(plan, "plan"));
    }

    @Override
    public Faults faults() {
        return faults.faults();
    }

    @Override
    public void clearFaults() {
        faults.set(Faults.NONE);
    }

    @Override
    public Map<FaultKind, Long> injectedFaults() {
        return faults.counts();
    }

    @Override
    public List<FaultedAction> faultedActions() {
        return faults.faultedActions();
    }

    @Override
    public void setRules(List<PhoneRule> rules) {
        network.setRules(rules);
    }

    @Override
    public List<PhoneRule> rules() {
        return network.rules();
    }

    @Override
    public void setAnswerDelay(Duration answerDelay) {
        network.setAnswerDelay(answerDelay);
    }

    /** Stops the server, the phone network and callback delivery; pending events are dropped. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.close();
        engine.shutdown();
        dispatcher.close();
        eventGrid.close();
        scheduler.shutdownNow();
    }
}
