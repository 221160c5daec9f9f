package com.switchboard.emulator.telephony;

import com.switchboard.emulator.delivery.CallbackDispatcher;
import com.switchboard.emulator.model.AcsApiException;
import com.switchboard.emulator.model.ApiVersion;
import com.switchboard.emulator.model.Identifier;
import com.switchboard.emulator.model.ResultInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The call connections the emulator holds, and the steps of their lives that are the same whoever takes them: set up
 * (created, answered, connected), established, left by someone, ended. Each step raises its callback events while it
 * holds the call's monitor, so the events of a call leave in the order its state changed. The Call Automation
 * operations ({@link CallEngine}) and the calls to the application ({@link InboundCalls}) both work through it, and
 * so can another feature that acts on calls in progress.
 */
public final class CallConnections {

    private final CallRegistry registry = new CallRegistry();
    private final PhoneNetwork network;
    private final CallEvents events;
    private final Identifier applicationIdentity;
    private final List<Consumer<EmulatedCall>> endListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<EmulatedCall>> retireListeners = new CopyOnWriteArrayList<>();
    private final List<ParticipantLeftListener> leaveListeners = new CopyOnWriteArrayList<>();

    /**
     * @param resourceId the emulated ACS resource's immutable id: the application's identity in calls is an ACS user
     *     of it, {@code 8:acs:<resourceId>_<guid>}
     */
    CallConnections(String resourceId, PhoneNetwork network, CallbackDispatcher dispatcher) {
        this.applicationIdentity = Identifier.communicationUser("8:acs:" + resourceId + "_" + UUID.randomUUID());
        this.network = network;
        this.events = new CallEvents(dispatcher);
    }

    /** The live call, or 404/8522. */
    public EmulatedCall require(String callConnectionId) {
        return registry.require(callConnectionId);
    }

    public List<CallSnapshot> snapshots() {
        return registry.all().stream().map(EmulatedCall::snapshot).toList();
    }

    public Optional<CallSnapshot> snapshot(String callConnectionId) {
        return registry.findAny(callConnectionId).map(EmulatedCall::snapshot);
    }

    /** The live call connection of the application in the call with this server call id, if any. */
    public Optional<EmulatedCall> liveByServerCallId(String serverCallId) {
        return registry.liveCalls().stream().filter(call -> call.serverCallId().equals(serverCallId)).findFirst();
    }

    /**
     * Runs {@code listener} when a connected call connection ends, under the call's monitor and before its
     * CallDisconnected is queued (a feature's own events about the call come first).
     */
    public void onCallEnded(Consumer<EmulatedCall> listener) {
        endListeners.add(listener);
    }

    /**
     * Runs {@code listener} whenever a call connection leaves the live calls: when a connected call ends (before the
     * {@link #onCallEnded} listeners and its CallDisconnected) and when a set-up fails (before its failure event).
     * Under the call's monitor; for a feature that keeps per-call state, to drop it.
     */
    public void onCallRetired(Consumer<EmulatedCall> listener) {
        retireListeners.add(listener);
    }

    /**
     * Runs {@code listener} when a remote participant has left a connected call (hung up, removed, transferred away),
     * under the call's monitor and before the ParticipantsUpdated that shows it gone.
     */
    public void onParticipantLeft(ParticipantLeftListener listener) {
        leaveListeners.add(listener);
    }

    /** Someone left a call; see {@link #onParticipantLeft}. */
    @FunctionalInterface
    public interface ParticipantLeftListener {
        /**
         * @param rawId the raw id of who left
         * @param callEnds true when nobody is left for the application to talk to, so that the call ends next
         */
        void left(EmulatedCall call, String rawId, boolean callEnds);
    }

    /**
     * Removes a remote participant from the call and tells the {@link #onParticipantLeft} listeners; false when it
     * was not in the call. The caller holds the call's monitor and sends the ParticipantsUpdated.
     */
    boolean leave(EmulatedCall call, String rawId) {
        synchronized (call) {
            if (!call.leave(rawId)) {
                return false;
            }
            boolean callEnds = call.isDeserted();
            leaveListeners.forEach(listener -> listener.left(call, rawId, callEnds));
            return true;
        }
    }

    Identifier applicationIdentity() {
        return applicationIdentity;
    }

    CallEvents events() {
        return events;
    }

    PhoneNetwork network() {
        return network;
    }

    Collection<EmulatedCall> live() {
        return registry.liveCalls();
    }

    /** Registers a new call connection; the caller holds its monitor while it sets the call up. */
    void add(EmulatedCall call) {
        registry.add(call);
    }

    /** Registers a call connection that is connecting, for answer and connect. */
    EmulatedCall open(CallSetup setup) {
        EmulatedCall call = new EmulatedCall(setup);
        registry.add(call);
        return call;
    }

    /** Runs an action on the emulator's timer threads, after the current request has been answered. */
    void later(Runnable action) {
        network.connectedLeg().after(Duration.ZERO, action);
    }

    /**
     * The application is in the call it answered or connected to: the others join, CallConnected, ParticipantsUpdated.
     * Nothing happens when the call connection ended meanwhile.
     */
    void establish(EmulatedCall call, List<Identifier> others) {
        synchronized (call) {
            if (!call.isLive() || call.state() != CallState.CONNECTING) {
                return;
            }
            others.stream().filter(other -> !other.equals(call.application()))
                .forEach(other -> call.join(other, network.connectedLeg()));
            call.setState(CallState.CONNECTED);
            events.callConnected(call);
            events.participantsUpdated(call, call.creation().version());
        }
    }

    /** A set-up that cannot complete: the call connection ends with the failure event, if it is still live. */
    void setupFailed(EmulatedCall call, Runnable failureEvent) {
        synchronized (call) {
            if (!call.isLive()) {
                return;
            }
            call.disconnect();
            registry.retire(call);
            retireListeners.forEach(listener -> listener.accept(call));
            failureEvent.run();
        }
    }

    /** The caller of an answered call hangs up: it leaves the call, unless the call connection is not up (yet). */
    void callerLeft(String callConnectionId, Identifier caller) {
        registry.findAny(callConnectionId).ifPresent(call -> {
            synchronized (call) {
                if (call.isLive() && call.state() == CallState.CONNECTED) {
                    remoteHangUp(call, caller.rawId());
                }
            }
        });
    }

    /** A remote participant leaves: ParticipantsUpdated, and the call ends if nobody else is left; false if absent. */
    boolean remoteHangUp(EmulatedCall call, String rawId) {
        if (!leave(call, rawId)) {
            return false;
        }
        ApiVersion version = call.creation().version();
        events.participantsUpdated(call, version);
        endIfDeserted(call, version);
        return true;
    }

    void endIfDeserted(EmulatedCall call, ApiVersion version) {
        if (call.isDeserted()) {
            end(call, version, ResultInfo.ALL_OTHERS_LEFT);
        }
    }

    /** The call connection ends: CallDisconnected with the result. */
    void end(EmulatedCall call, ApiVersion version, ResultInfo result) {
        synchronized (call) {
            requireLive(call);
            call.disconnect();
            registry.retire(call);
            retireListeners.forEach(listener -> listener.accept(call));
            endListeners.forEach(listener -> listener.accept(call));
            events.callDisconnected(call, version, result);
        }
    }

    /** Disconnects every live call without events (emulator shutdown). */
    void shutdown() {
        registry.liveCalls().forEach(EmulatedCall::disconnect);
    }

    /** 404/8522 for a call connection that has ended. */
    static void requireLive(EmulatedCall call) {
        if (!call.isLive()) {
            throw AcsApiException.callNotFound();
        }
    }

    /** 400/8501 for an action that needs the call established. */
    static void requireConnected(EmulatedCall call) {
        requireLive(call);
        if (call.state() != CallState.CONNECTED) {
            throw AcsApiException.callNotEstablished();
        }
    }

    static String newServerCallId() {
        String locator = "https://emulator.switchboard.local/conversations/" + UUID.randomUUID();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(locator.getBytes(StandardCharsets.UTF_8));
    }
}
