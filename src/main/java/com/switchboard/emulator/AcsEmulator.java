package com.switchboard.emulator;

import com.nimbusds.jwt.JWTClaimsSet;
import com.switchboard.emulator.calling.CallingApi;
import com.switchboard.emulator.calling.OpenIdApi;
import com.switchboard.emulator.control.ControlApi;
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
import com.switchboard.emulator.model.AcsApiException;
import com.switchboard.emulator.model.Identifier;
import com.switchboard.emulator.telephony.CallEngine;
import com.switchboard.emulator.telephony.CallLocator;
import com.switchboard.emulator.telephony.CallSnapshot;
import com.switchboard.emulator.telephony.IncomingCallRequest;
import com.switchboard.emulator.telephony.IncomingCallResult;
import com.switchboard.emulator.telephony.IncomingCallSnapshot;
import com.switchboard.emulator.telephony.PhoneNetwork;
import com.switchboard.emulator.telephony.PhoneRule;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
 * <pre>{@code
 * try (AcsEmulator emulator = AcsEmulator.start(EmulatorSettings.defaults().withPort(0))) {
 *     CallAutomationClient client = new CallAutomationClientBuilder()
 *         .connectionString(emulator.connectionString()).httpClient(trustingEmulatorCert).buildClient();
 * }
 * }</pre>
 */
public final class AcsEmulator implements AutoCloseable {

    private static final int DELIVERY_LOG_CAPACITY = 10_000;

    private final ScheduledThreadPoolExecutor scheduler;
    private final CallbackDispatcher dispatcher;
    private final EventGridPublisher eventGrid;
    private final DeliveryLog deliveries;
    private final DeliveryLog eventGridDeliveries;
    private final CallbackTokenIssuer tokens;
    private final FaultInjector faults;
    private final PhoneNetwork network;
    private final CallEngine engine;
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
        if (settings.eventGridUrl() != null) {
            eventGrid.subscribe(URI.create(settings.eventGridUrl()), settings.eventGridSchema());
        }
        this.network = new PhoneNetwork(scheduler, settings.rules(), settings.answerDelay(), settings.ringTimeout());
        this.engine = new CallEngine(network, dispatcher, eventGrid, settings.incomingCallTimeout(),
            settings.appIdentities());
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
            new ControlApi(engine, eventGrid, faults, tokens),
            new CallingApi(engine, settings.accessKey(), settings.participantsPageSize(), faults, dispatcher)));
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

    /** A valid callback token, as the next callback would carry: for tests that post callbacks themselves. */
    public String issueCallbackToken() {
        return tokens.issue();
    }

    /** The given claims signed with the current callback key: for tests of what a verifier must refuse. */
    public String signCallbackToken(JWTClaimsSet claims) {
        return tokens.sign(claims);
    }

    /**
     * Signs callbacks with a new RSA key (and {@code kid}) from now on. The key set at {@code /calling/keys} then
     * lists the new key and keeps the previous one, as a real rotation overlaps; a further rotation drops the oldest.
     */
    public void rotateSigningKey() {
        tokens.rotate();
    }

    /** All live and recently ended calls. */
    public List<CallSnapshot> calls() {
        return engine.snapshots();
    }

    /** A live or recently ended call. */
    public Optional<CallSnapshot> call(String callConnectionId) {
        return engine.snapshot(callConnectionId);
    }

    /**
     * The remote participant {@code rawId} hangs up: ParticipantsUpdated, and CallDisconnected when only the
     * application is left.
     *
     * @throws com.switchboard.emulator.model.AcsApiException when the call or participant is unknown
     */
    public void hangUpParticipant(String callConnectionId, String rawId) {
        engine.hangUpParticipant(callConnectionId, rawId);
    }

    /**
     * Someone calls the application: the call rings for the incoming call timeout and its IncomingCall event goes
     * to the Event Grid subscription (validated first, if it was not yet).
     *
     * @throws AcsApiException 400/8523 when {@code from} or {@code to} is not a phone number or raw id
     */
    public IncomingCallResult placeIncomingCall(IncomingCallRequest request) {
        return engine.inbound().place(request);
    }

    /**
     * The caller of an incoming call hangs up: while ringing, the call is abandoned (an answer then fails with
     * AnswerFailed); once answered, the caller leaves the call.
     *
     * @throws AcsApiException 404/8522 when there is no such incoming call in progress
     */
    public void hangUpIncomingCall(String serverCallId) {
        engine.inbound().callerHangsUp(serverCallId);
    }

    /** The incoming calls placed so far (the most recent 500), oldest first. */
    public List<IncomingCallSnapshot> incomingCalls() {
        return engine.inbound().snapshots();
    }

    public Optional<IncomingCallSnapshot> incomingCall(String serverCallId) {
        return engine.inbound().snapshot(serverCallId);
    }

    /** How long incoming calls placed from now on ring before their context expires. */
    public void setIncomingCallTimeout(Duration timeout) {
        engine.inbound().setTimeout(timeout);
    }

    /** Replaces the raw-id globs of identities the application answers for (a redirect to one rings it again). */
    public void setAppIdentities(List<String> globs) {
        engine.inbound().setAppIdentities(globs);
    }

    /**
     * Sets the Event Grid subscription for IncomingCall events, e.g. once the application's port is known; null or
     * blank removes it. The new subscription is validated before its first delivery.
     */
    public void setEventGridSubscription(String url, EventGridSchema schema) {
        eventGrid.subscribe(url == null || url.isBlank() ? null : URI.create(EmulatorSettings.requireWebhook(url)),
            schema == null ? EventGridSchema.EVENT_GRID : schema);
    }

    public EventGridSubscriptionStatus eventGridSubscription() {
        return eventGrid.status();
    }

    /**
     * Registers a room with the people in it, for connect with a {@code roomCallLocator}; returns the room call's
     * server call id (a {@code serverCallLocator} reaches it too).
     *
     * @param participantRawIds raw ids or E.164 phone numbers
     */
    public String createRoom(String roomId, List<String> participantRawIds) {
        return registerConference(CallLocator.Kind.ROOM, roomId, participantRawIds);
    }

    /** Like {@link #createRoom(String, List)} for a group call ({@code groupCallLocator}). */
    public String createGroupCall(String groupCallId, List<String> participantRawIds) {
        return registerConference(CallLocator.Kind.GROUP_CALL, groupCallId, participantRawIds);
    }

    private String registerConference(CallLocator.Kind kind, String id, List<String> participantRawIds) {
        if (id == null || id.isBlank()) {
            throw AcsApiException.invalidArgument("The field 'id' is required.");
        }
        List<Identifier> participants = participantRawIds.stream()
            .map(rawId -> Identifier.parse(rawId, "participants")).toList();
        return engine.conferences().register(kind, id, participants).serverCallId();
    }

    /** The callback deliveries made so far (delivered or dropped), oldest first. */
    public List<DeliveredEvent> deliveredEvents() {
        return deliveries.snapshot();
    }

    public void clearDeliveredEvents() {
        deliveries.clear();
    }

    /**
     * The Event Grid deliveries so far, oldest first: the validation handshakes (type
     * {@code SubscriptionValidation}) and the events (type {@code IncomingCall}), delivered or dropped. Their
     * {@code callConnectionId} is null; a dropped event that was never attempted (its subscription failed validation)
     * has 0 attempts.
     */
    public List<DeliveredEvent> eventGridDeliveries() {
        return eventGridDeliveries.snapshot();
    }

    /**
     * Replaces the fault plan, from the next decision on (an event already held back or delayed keeps its fault),
     * and resets {@link #injectedFaults()} and {@link #faultedActions()}.
     */
    public void setFaults(Faults plan) {
        faults.set(Objects.requireNonNull(plan, "plan"));
    }

    /** The current fault plan; its {@code failNextActions} is the number of actions still to fail. */
    public Faults faults() {
        return faults.faults();
    }

    /** No faults from now on ({@link Faults#NONE}); resets the counts. */
    public void clearFaults() {
        faults.set(Faults.NONE);
    }

    /**
     * How many faults of each kind were injected since the plan was set (every kind present). Each delivery's own
     * faults are in its {@link DeliveredEvent#faults()}.
     */
    public Map<FaultKind, Long> injectedFaults() {
        return faults.counts();
    }

    /** The actions refused by the fault plan since it was set, oldest first. */
    public List<FaultedAction> faultedActions() {
        return faults.faultedActions();
    }

    /** Replaces the phone-network rules (the whole list, first match wins); calls already ringing are unaffected. */
    public void setRules(List<PhoneRule> rules) {
        network.setRules(rules);
    }

    public List<PhoneRule> rules() {
        return network.rules();
    }

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
