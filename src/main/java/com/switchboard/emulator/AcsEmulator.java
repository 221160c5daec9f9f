package com.switchboard.emulator;

import com.switchboard.emulator.callback.CallbackDispatcher;
import com.switchboard.emulator.callback.DaemonThreads;
import com.switchboard.emulator.callback.DeliveryLog;
import com.switchboard.emulator.server.EmulatorHttpServer;
import com.switchboard.emulator.server.TlsContexts;
import com.switchboard.emulator.telephony.CallEngine;
import com.switchboard.emulator.telephony.PhoneNetwork;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An in-process emulator of Azure Communication Services Call Automation: an HTTPS server speaking the Call
 * Automation REST API (HMAC-signed, api-versions 2023-03-06 to 2026-03-12) so the official SDK works against it
 * unchanged, an emulated phone network driven by {@link PhoneRule}s, and callback events POSTed to the
 * application as ACS does.
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
    private final DeliveryLog deliveries;
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
        this.dispatcher = new CallbackDispatcher(scheduler, settings.callbackAttempts(), settings.callbackBackoff(),
            deliveries);
        this.network = new PhoneNetwork(scheduler, settings.rules(), settings.answerDelay(), settings.ringTimeout());
        this.engine = new CallEngine(network, dispatcher);
        try {
            this.server = EmulatorHttpServer.start(new InetSocketAddress(settings.bindAddress(), settings.port()),
                TlsContexts.fromPem(settings.certificate(), settings.privateKey()), settings.serverThreads(), engine,
                settings.accessKey(), settings::participantsPageSize);
        } catch (RuntimeException e) {
            dispatcher.close();
            scheduler.shutdownNow();
            throw e;
        }
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

    /** The callback deliveries made so far (delivered or dropped), oldest first. */
    public List<DeliveredEvent> deliveredEvents() {
        return deliveries.snapshot();
    }

    public void clearDeliveredEvents() {
        deliveries.clear();
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
        scheduler.shutdownNow();
    }
}
