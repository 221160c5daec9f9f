package com.switchboard.emulator.telephony;

import com.switchboard.emulator.model.Identifier;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One call connection and its participants.
 *
 * <p>The participants include the application itself (its {@link #application() identity}), as the live service
 * lists the Call Automation application among the participants of a call. It is always first, cannot be removed
 * and never hangs up on its own; the call ends once nobody but the application is left (and no call target is
 * still ringing).
 *
 * <p>Thread-safety: all state is guarded by this object's monitor. {@link CallEngine} holds it across each
 * check-then-act step and while queueing the resulting events, so events leave in state order.
 */
public final class EmulatedCall {

    private final String callConnectionId;
    private final String serverCallId;
    private final String correlationId;
    private final URI callbackUri;
    private final Identifier application;
    private final Identifier source;
    private final Identifier sourceCallerIdNumber;
    private final String sourceDisplayName;
    private final List<Identifier> targets;
    private final Operation creation;
    private final Map<String, Participant> participants = new LinkedHashMap<>();
    private final Map<String, Invitation> invitations = new LinkedHashMap<>();
    private final List<CallOperation> operations = new ArrayList<>();
    private final Set<String> onHold = new HashSet<>();
    private final Set<String> muted = new HashSet<>();
    private CallState state = CallState.CONNECTING;
    private int sequenceNumber;

    EmulatedCall(CallSetup setup) {
        this.callConnectionId = setup.callConnectionId();
        this.serverCallId = setup.serverCallId();
        this.correlationId = setup.correlationId();
        this.callbackUri = setup.callbackUri();
        this.application = setup.application();
        this.source = setup.source();
        this.sourceCallerIdNumber = setup.sourceCallerIdNumber();
        this.sourceDisplayName = setup.sourceDisplayName();
        this.targets = setup.targets();
        this.creation = setup.creation();
        participants.put(application.rawId(), new Participant(application, null));
    }

    public String callConnectionId() {
        return callConnectionId;
    }

    public String serverCallId() {
        return serverCallId;
    }

    public String correlationId() {
        return correlationId;
    }

    public URI callbackUri() {
        return callbackUri;
    }

    public Identifier application() {
        return application;
    }

    /** The call's originator as CallConnectionProperties report it; null for a connected call. */
    public Identifier source() {
        return source;
    }

    public Identifier sourceCallerIdNumber() {
        return sourceCallerIdNumber;
    }

    public String sourceDisplayName() {
        return sourceDisplayName;
    }

    public List<Identifier> targets() {
        return targets;
    }

    /** The CreateCall request; events without a request of their own use its api-version. */
    Operation creation() {
        return creation;
    }

    public synchronized CallState state() {
        return state;
    }

    synchronized void setState(CallState newState) {
        state = newState;
    }

    public synchronized boolean isLive() {
        return state != CallState.DISCONNECTED;
    }

    synchronized int nextSequenceNumber() {
        return ++sequenceNumber;
    }

    public synchronized List<Identifier> participants() {
        return participants.values().stream().map(Participant::identifier).toList();
    }

    public synchronized Optional<Identifier> participant(String rawId) {
        return Optional.ofNullable(participants.get(rawId)).map(Participant::identifier);
    }

    /** Whether the participant is on hold (CallParticipant.isOnHold). */
    public synchronized boolean isOnHold(String rawId) {
        return onHold.contains(rawId);
    }

    /** Whether the participant was muted (CallParticipant.isMuted); there is no unmute. */
    public synchronized boolean isMuted(String rawId) {
        return muted.contains(rawId);
    }

    /** Puts a participant of the call on hold or takes it off; false when it is not in the call or unchanged. */
    synchronized boolean setOnHold(String rawId, boolean hold) {
        if (!participants.containsKey(rawId)) {
            return false;
        }
        return hold ? onHold.add(rawId) : onHold.remove(rawId);
    }

    /** Mutes a participant of the call; false when it is not in the call or already muted. */
    synchronized boolean mute(String rawId) {
        return participants.containsKey(rawId) && muted.add(rawId);
    }

    synchronized boolean hasParticipant(String rawId) {
        return participants.containsKey(rawId);
    }

    synchronized void join(Identifier identifier, RemoteLeg leg) {
        participants.put(identifier.rawId(), new Participant(identifier, leg));
    }

    /** Removes a remote participant and stops its leg; false when it was not in the call. */
    synchronized boolean leave(String rawId) {
        Participant participant = participants.get(rawId);
        if (participant == null || participant.isApplication()) {
            return false;
        }
        participants.remove(rawId);
        onHold.remove(rawId);
        muted.remove(rawId);
        participant.leave();
        return true;
    }

    /** True when nobody but the application is in the call and no call target is ringing any more. */
    synchronized boolean isDeserted() {
        return participants.size() == 1
            && invitations.values().stream().noneMatch(i -> i.purpose() == Invitation.Purpose.CALL_TARGET);
    }

    synchronized void invite(Invitation invitation) {
        invitations.put(invitation.invitationId(), invitation);
    }

    /** Removes and returns a pending invitation; empty when it already ended (answered, failed or cancelled). */
    synchronized Optional<Invitation> takeInvitation(String invitationId) {
        return Optional.ofNullable(invitations.remove(invitationId));
    }

    /** Like {@link #takeInvitation(String)}, but only an invitation of the given purpose. */
    synchronized Optional<Invitation> takeInvitation(String invitationId, Invitation.Purpose purpose) {
        Invitation invitation = invitations.get(invitationId);
        if (invitation == null || invitation.purpose() != purpose) {
            return Optional.empty();
        }
        return takeInvitation(invitationId);
    }

    synchronized boolean isInvited(String rawId) {
        return invitations.values().stream().anyMatch(i -> i.target().rawId().equals(rawId));
    }

    synchronized boolean hasPendingInvitations(Invitation.Purpose purpose) {
        return invitations.values().stream().anyMatch(i -> i.purpose() == purpose);
    }

    /** Records a request that acted on the call, for the snapshot. */
    synchronized void record(String name, Operation operation, Identifier target, Identifier transferee) {
        operations.add(new CallOperation(name, operation.version().value(), operation.operationContext(),
            target == null ? null : target.rawId(), transferee == null ? null : transferee.rawId(),
            operation.customCallingContext().sipHeaders(), operation.customCallingContext().voipHeaders(),
            operation.callbackUri() == null ? null : operation.callbackUri().toString(), Instant.now()));
    }

    /** Marks the call disconnected and stops every ringing and connected remote leg. */
    synchronized void disconnect() {
        state = CallState.DISCONNECTED;
        invitations.values().forEach(invitation -> invitation.leg().cancel());
        invitations.clear();
        participants.values().forEach(Participant::leave);
        participants.keySet().retainAll(List.of(application.rawId()));
    }

    public synchronized CallSnapshot snapshot() {
        return new CallSnapshot(callConnectionId, serverCallId, correlationId, state.wireName(),
            callbackUri.toString(), application.rawId(), rawIds(targets), rawIds(participants()),
            invitations.values().stream().map(i -> i.target().rawId()).toList(), List.copyOf(operations));
    }

    private static List<String> rawIds(List<Identifier> identifiers) {
        return identifiers.stream().map(Identifier::rawId).toList();
    }
}
