package com.switchboard.emulator.telephony;

import com.switchboard.emulator.delivery.CallbackDispatcher;
import com.switchboard.emulator.delivery.EventGridPublisher;
import com.switchboard.emulator.model.AcsApiException;
import com.switchboard.emulator.model.ApiVersion;
import com.switchboard.emulator.model.Identifier;
import com.switchboard.emulator.model.ResultInfo;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The Call Automation operations on the emulated calls (create, connect, participants, transfer, hang up), and what
 * the phone network makes of the callees they ring. It holds the telephony together: the {@link CallConnections}
 * every feature acts on, the calls to the application ({@link InboundCalls}) and the rooms and group calls
 * ({@link Conferences}).
 *
 * <p>Every step that reads and changes a call holds the call's monitor while it also queues the resulting callback
 * events, so the events of a call leave in the order its state changed.
 */
public final class CallEngine {

    private final CallConnections connections;
    private final PhoneNetwork network;
    private final CallEvents events;
    private final Conferences conferences = new Conferences();
    private final InboundCalls inbound;

    /**
     * @param resourceId the emulated ACS resource's immutable id: the application's identity in calls is an ACS user
     *     of it, {@code 8:acs:<resourceId>_<guid>}
     * @param eventGrid where IncomingCall events are published
     * @param incomingCallTimeout how long an incoming call rings before its context expires
     * @param appIdentities raw-id globs the application answers for (a redirect to one rings it again)
     */
    public CallEngine(String resourceId, PhoneNetwork network, CallbackDispatcher dispatcher,
                      EventGridPublisher eventGrid, Duration incomingCallTimeout, List<String> appIdentities) {
        this.connections = new CallConnections(resourceId, network, dispatcher);
        this.network = network;
        this.events = connections.events();
        this.inbound = new InboundCalls(connections, eventGrid, Clock.systemUTC(), incomingCallTimeout, appIdentities);
    }

    /** The call connections, live and recently ended. */
    public CallConnections connections() {
        return connections;
    }

    /** Calls to the application: place, answer, reject, redirect. */
    public InboundCalls inbound() {
        return inbound;
    }

    /** Rooms and group calls the application can connect to. */
    public Conferences conferences() {
        return conferences;
    }

    /** Creates the call and starts ringing its targets; the call stays {@code connecting} until one answers. */
    public EmulatedCall createCall(CreateCallCommand command) {
        Identifier application = command.source() != null ? command.source() : connections.applicationIdentity();
        EmulatedCall call = new EmulatedCall(new CallSetup(UUID.randomUUID().toString(),
            CallConnections.newServerCallId(),
            UUID.randomUUID().toString(), application, application, command.targets(), command.callbackUri(),
            command.sourceCallerIdNumber(), command.sourceDisplayName(), command.operation()));
        synchronized (call) {
            connections.add(call);
            call.record("CreateCall", command.operation(), null, null);
            for (Identifier target : command.targets()) {
                invite(call, target, Invitation.Purpose.CALL_TARGET, command.operation(), null);
            }
        }
        return call;
    }

    /**
     * Connects the application to an existing call: a hosted call (by server call id), a registered room or group
     * call. Connecting until established (CallConnected, ParticipantsUpdated with the application and the people in
     * the call); a locator the emulator does not know ends in ConnectFailed (404/8522).
     */
    public EmulatedCall connect(CallLocator locator, URI callbackUri, Operation operation) {
        Optional<Hosted> hosted = hosted(locator);
        String serverCallId = hosted.map(Hosted::serverCallId)
            .orElse(locator.kind() == CallLocator.Kind.SERVER_CALL ? locator.id() : CallConnections.newServerCallId());
        String correlationId = hosted.map(Hosted::correlationId).orElse(UUID.randomUUID().toString());
        EmulatedCall call = connections.open(new CallSetup(UUID.randomUUID().toString(), serverCallId, correlationId,
            connections.applicationIdentity(), null, List.of(), callbackUri, null, null, operation));
        call.record("Connect", operation, null, null);
        connections.later(() -> hosted(locator).ifPresentOrElse(
            found -> connections.establish(call, found.participants()),
            () -> connections.setupFailed(call, () -> events.connectFailed(call, ResultInfo.CALL_NOT_FOUND))));
        return call;
    }

    /** The live call, or 404/8522. */
    public EmulatedCall call(String callConnectionId) {
        return connections.require(callConnectionId);
    }

    /** A participant of a live call, or 404. */
    public Identifier participant(String callConnectionId, String rawId) {
        return call(callConnectionId).participant(rawId)
            .orElseThrow(() -> new AcsApiException(404, "8522", "Participant not found in the call."));
    }

    /** Rings a new participant; returns the invitation id. */
    public String addParticipant(String callConnectionId, AddParticipantCommand command) {
        EmulatedCall call = call(callConnectionId);
        Identifier target = command.participant();
        synchronized (call) {
            CallConnections.requireConnected(call);
            if (call.hasParticipant(target.rawId()) || call.isInvited(target.rawId())) {
                throw AcsApiException.invalidArgument("Participant " + target.rawId() + " is already in the call.");
            }
            if (target.isPhoneNumber() && command.sourceCallerIdNumber() == null
                && call.sourceCallerIdNumber() == null) {
                throw AcsApiException.invalidArgument(
                    "The field 'sourceCallerIdNumber' is required to add a phone number participant.");
            }
            call.record("AddParticipant", command.operation(), target, null);
            return invite(call, target, Invitation.Purpose.ADD_PARTICIPANT, command.operation(),
                command.invitationTimeout());
        }
    }

    /** Stops ringing an added participant; the outcome is reported by events. */
    public void cancelAddParticipant(String callConnectionId, String invitationId, Operation operation) {
        EmulatedCall call = call(callConnectionId);
        synchronized (call) {
            CallConnections.requireConnected(call);
            call.record("CancelAddParticipant", operation, null, null);
            Optional<Invitation> invitation = call.takeInvitation(invitationId, Invitation.Purpose.ADD_PARTICIPANT);
            if (invitation.isEmpty()) {
                events.cancelAddParticipant(call, operation, invitationId, ResultInfo.INVITATION_NOT_PENDING);
                return;
            }
            invitation.get().leg().cancel();
            events.cancelAddParticipant(call, operation, invitationId, ResultInfo.CANCEL_SUCCEEDED);
            events.addParticipantFailed(call, invitation.get().operation(), invitation.get().target(),
                ResultInfo.ADD_PARTICIPANT_CANCELLED);
        }
    }

    /**
     * Removes a participant. A participant that is not in the call is reported by RemoveParticipantFailed (the
     * request itself is accepted with 202, as the outcome of remove is asynchronous in ACS).
     */
    public void removeParticipant(String callConnectionId, Identifier participant, Operation operation) {
        EmulatedCall call = call(callConnectionId);
        synchronized (call) {
            CallConnections.requireConnected(call);
            if (participant.equals(call.application())) {
                throw AcsApiException.invalidArgument(
                    "The application cannot remove itself from the call; hang up instead.");
            }
            call.record("RemoveParticipant", operation, participant, null);
            if (!connections.leave(call, participant.rawId())) {
                events.removeParticipantFailed(call, operation, participant);
                return;
            }
            events.removeParticipantSucceeded(call, operation, participant);
            events.participantsUpdated(call, operation.version());
            connections.endIfDeserted(call, operation.version());
        }
    }

    /** Transfers the other party (or {@code transferee}) to {@code target}; the application leaves on success. */
    public void transferToParticipant(String callConnectionId, Identifier target, Identifier transferee,
                                      Operation operation) {
        EmulatedCall call = call(callConnectionId);
        synchronized (call) {
            CallConnections.requireConnected(call);
            List<Identifier> others = call.participants().stream().filter(p -> !p.equals(call.application()))
                .toList();
            if (transferee == null && others.size() != 1) {
                throw AcsApiException.invalidArgument(
                    "Transfer without 'transferee' needs exactly one other participant in the call.");
            }
            if (transferee != null && !call.hasParticipant(transferee.rawId())) {
                throw AcsApiException.invalidArgument("The transferee " + transferee.rawId() + " is not in the call.");
            }
            Identifier moved = transferee != null ? transferee : others.get(0);
            call.record("TransferToParticipant", operation, target, transferee);
            invite(call, target, Invitation.Purpose.TRANSFER_TARGET, operation, null, moved, transferee != null);
        }
    }

    /** The application leaves the call (DELETE); for the emulator the call connection ends. */
    public void hangUp(String callConnectionId, ApiVersion version) {
        endByApplication(callConnectionId, "HangUp", version, ResultInfo.HUNG_UP_BY_APPLICATION);
    }

    /** Ends the call for everyone. */
    public void terminate(String callConnectionId, ApiVersion version) {
        endByApplication(callConnectionId, "Terminate", version, ResultInfo.TERMINATED_BY_APPLICATION);
    }

    private void endByApplication(String callConnectionId, String operation, ApiVersion version, ResultInfo result) {
        EmulatedCall call = call(callConnectionId);
        synchronized (call) {
            CallConnections.requireLive(call);
            call.record(operation, Operation.of(version), null, null);
            connections.end(call, version, result);
        }
    }

    /** A remote participant hangs up (control API). */
    public void hangUpParticipant(String callConnectionId, String rawId) {
        EmulatedCall call = call(callConnectionId);
        synchronized (call) {
            CallConnections.requireLive(call);
            if (!connections.remoteHangUp(call, rawId)) {
                throw new AcsApiException(404, "8522", "Participant " + rawId + " is not in the call.");
            }
        }
    }

    /**
     * Puts a participant on hold or takes it off hold (a media operation decides when): ParticipantsUpdated when the
     * state changed.
     *
     * @throws AcsApiException 404/8522 when the participant is not in the call, 400/8501 when it is not connected
     */
    public void setOnHold(String callConnectionId, String rawId, boolean hold) {
        EmulatedCall call = call(callConnectionId);
        synchronized (call) {
            CallConnections.requireConnected(call);
            requireParticipant(call, rawId);
            if (call.setOnHold(rawId, hold)) {
                events.participantsUpdated(call, call.creation().version());
            }
        }
    }

    /** Mutes a participant: ParticipantsUpdated when it was not muted yet. */
    public void mute(String callConnectionId, String rawId) {
        EmulatedCall call = call(callConnectionId);
        synchronized (call) {
            CallConnections.requireConnected(call);
            requireParticipant(call, rawId);
            if (call.mute(rawId)) {
                events.participantsUpdated(call, call.creation().version());
            }
        }
    }

    private static void requireParticipant(EmulatedCall call, String rawId) {
        if (!call.hasParticipant(rawId)) {
            throw new AcsApiException(404, "8522", "Participant " + rawId + " is not in the call.");
        }
    }

    /** Disconnects every live call without events (emulator shutdown). */
    public void shutdown() {
        connections.shutdown();
    }

    private String invite(EmulatedCall call, Identifier target, Invitation.Purpose purpose, Operation operation,
                          Duration ringTimeout) {
        return invite(call, target, purpose, operation, ringTimeout, null, false);
    }

    private String invite(EmulatedCall call, Identifier target, Invitation.Purpose purpose, Operation operation,
                          Duration ringTimeout, Identifier transferee, boolean applicationStays) {
        String invitationId = UUID.randomUUID().toString();
        RemoteLeg leg = network.dial(target, ringTimeout, new InvitationOutcome(call, invitationId, target));
        call.invite(new Invitation(invitationId, target, purpose, operation, leg, transferee, applicationStays));
        return invitationId;
    }

    /** A call the application can connect to, and who is in it. */
    private record Hosted(String serverCallId, String correlationId, List<Identifier> participants) {
    }

    private Optional<Hosted> hosted(CallLocator locator) {
        if (locator.kind() == CallLocator.Kind.SERVER_CALL) {
            Optional<Hosted> call = connections.live().stream()
                .filter(live -> live.serverCallId().equals(locator.id()))
                .filter(live -> live.state() == CallState.CONNECTED)
                .findFirst()
                .map(live -> new Hosted(live.serverCallId(), live.correlationId(), live.participants().stream()
                    .filter(p -> !p.equals(live.application())).toList()));
            if (call.isPresent()) {
                return call;
            }
        }
        return conferences.find(locator)
            .map(c -> new Hosted(c.serverCallId(), c.correlationId(), c.participants()));
    }

    /** Plays out what a ringing callee does, for whichever purpose it was invited. */
    private final class InvitationOutcome implements CalleeListener {

        private final EmulatedCall call;
        private final String invitationId;
        private final Identifier callee;

        InvitationOutcome(EmulatedCall call, String invitationId, Identifier callee) {
            this.call = call;
            this.invitationId = invitationId;
            this.callee = callee;
        }

        @Override
        public void answered() {
            synchronized (call) {
                Optional<Invitation> pending = call.isLive() ? call.takeInvitation(invitationId) : Optional.empty();
                pending.ifPresent(this::onAnswered);
            }
        }

        @Override
        public void failed(ResultInfo result) {
            synchronized (call) {
                Optional<Invitation> pending = call.isLive() ? call.takeInvitation(invitationId) : Optional.empty();
                pending.ifPresent(invitation -> onFailed(invitation, result));
            }
        }

        @Override
        public void hungUp() {
            synchronized (call) {
                if (call.isLive()) {
                    connections.remoteHangUp(call, callee.rawId());
                }
            }
        }

        private void onAnswered(Invitation invitation) {
            switch (invitation.purpose()) {
                case CALL_TARGET -> {
                    call.join(invitation.target(), invitation.leg());
                    if (call.state() == CallState.CONNECTING) {
                        call.setState(CallState.CONNECTED);
                        events.callConnected(call);
                    }
                    events.participantsUpdated(call, invitation.operation().version());
                }
                case ADD_PARTICIPANT -> {
                    call.join(invitation.target(), invitation.leg());
                    events.addParticipantSucceeded(call, invitation.operation(), invitation.target());
                    events.participantsUpdated(call, invitation.operation().version());
                }
                case TRANSFER_TARGET -> {
                    invitation.leg().cancel();
                    events.callTransferAccepted(call, invitation.operation(), invitation.target(),
                        invitation.transferee());
                    if (invitation.applicationStays()) {
                        transfereeLeaves(invitation);
                    } else {
                        connections.end(call, invitation.operation().version(), ResultInfo.TRANSFERRED);
                    }
                }
            }
        }

        /** A transfer naming its transferee moves only that participant; the application stays in the call. */
        private void transfereeLeaves(Invitation invitation) {
            if (connections.leave(call, invitation.transferee().rawId())) {
                events.participantsUpdated(call, invitation.operation().version());
                connections.endIfDeserted(call, invitation.operation().version());
            }
        }

        private void onFailed(Invitation invitation, ResultInfo result) {
            switch (invitation.purpose()) {
                case CALL_TARGET -> {
                    if (call.state() == CallState.CONNECTING
                        && !call.hasPendingInvitations(Invitation.Purpose.CALL_TARGET)) {
                        connections.setupFailed(call, () -> events.createCallFailed(call, result));
                    } else {
                        connections.endIfDeserted(call, invitation.operation().version());
                    }
                }
                case ADD_PARTICIPANT ->
                    events.addParticipantFailed(call, invitation.operation(), invitation.target(), result);
                case TRANSFER_TARGET -> events.callTransferFailed(call, invitation.operation(), result);
            }
        }
    }
}
