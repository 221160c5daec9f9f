package com.switchboard.emulator.control;

import com.nimbusds.jwt.JWTClaimsSet;
import com.switchboard.emulator.delivery.DeliveredEvent;
import com.switchboard.emulator.delivery.EventGridSchema;
import com.switchboard.emulator.delivery.EventGridSubscriptionStatus;
import com.switchboard.emulator.faults.FaultKind;
import com.switchboard.emulator.faults.FaultedAction;
import com.switchboard.emulator.faults.Faults;
import com.switchboard.emulator.media.MediaSnapshot;
import com.switchboard.emulator.media.CallerRule;
import com.switchboard.emulator.media.RecognitionSnapshot;
import com.switchboard.emulator.recording.RecordingSnapshot;
import com.switchboard.emulator.telephony.CallSnapshot;
import com.switchboard.emulator.telephony.Conferences.Conference;
import com.switchboard.emulator.telephony.IncomingCallRequest;
import com.switchboard.emulator.telephony.IncomingCallResult;
import com.switchboard.emulator.telephony.IncomingCallSnapshot;
import com.switchboard.emulator.telephony.PhoneRule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one can do to the emulator besides calling it as ACS does: play the other side of calls, ring the
 * application, register rooms and group calls, steer the Event Grid subscription, mint callback tokens, inject faults
 * and change the phone network, and see what happened.
 *
 * <p>Each operation is written once, by {@code AcsEmulator}, which tests call in Java; {@link ControlApi} serves the
 * same operations over HTTP under {@code /emulator} as a thin translation (JSON in, one call, JSON out), so a tool in
 * any language reaches them too. A bad argument is an {@link IllegalArgumentException} or a 400
 * {@link com.switchboard.emulator.model.AcsApiException}; over HTTP both answer 400.
 */
public interface EmulatorControl {

    // --- calls -------------------------------------------------------------------------------------------------

    /** All live and recently ended calls. {@code GET /emulator/calls} */
    List<CallSnapshot> calls();

    /** A live or recently ended call. {@code GET /emulator/calls/{callConnectionId}} */
    Optional<CallSnapshot> call(String callConnectionId);

    /**
     * The call's recordings, oldest first, each with its state history. {@code GET
     * /emulator/calls/{callConnectionId}/recordings}
     */
    List<RecordingSnapshot> recordings(String callConnectionId);

    /**
     * What the call's participants heard and what was done to them, oldest first: prompts (to whom, sources, loop,
     * outcome), holds and unholds, mutes, tones sent; 404/8522 for an unknown call. {@code GET
     * /emulator/calls/{callConnectionId}/media}
     */
    MediaSnapshot media(String callConnectionId);

    /**
     * The participant presses keys now ({@code "12#"}): they reach its running recognize and continuous DTMF
     * recognition. {@code POST /emulator/calls/{callConnectionId}/participants/{rawId}:press {"tones":"12#"}}
     */
    void press(String callConnectionId, String rawId, String tones);

    /**
     * The participant says a phrase now, heard with that confidence (0 to 1). {@code POST
     * /emulator/calls/{callConnectionId}/participants/{rawId}:say {"phrase":"sales","confidence":0.9}}
     */
    void say(String callConnectionId, String rawId, String phrase, double confidence);

    /** Replaces the scripted callers (first match wins). {@code PUT /emulator/callers} */
    void setCallers(List<CallerRule> callers);

    /** The scripted callers. {@code GET /emulator/callers} */
    List<CallerRule> callers();

    /** The call's recognizes, oldest first. {@code GET /emulator/calls/{callConnectionId}/recognitions} */
    List<RecognitionSnapshot> recognitions(String callConnectionId);

    /**
     * The remote participant {@code rawId} hangs up: ParticipantsUpdated, and CallDisconnected when only the
     * application is left. {@code POST /emulator/calls/{callConnectionId}/participants/{rawId}:hangUp}
     *
     * @throws com.switchboard.emulator.model.AcsApiException 404 when the call or participant is unknown
     */
    void hangUpParticipant(String callConnectionId, String rawId);

    // --- calls to the application --------------------------------------------------------------------------------

    /**
     * Someone calls the application: the call rings for the incoming call timeout and its IncomingCall event goes
     * to the Event Grid subscription (validated first, if it was not yet). {@code POST /emulator/incoming-calls}
     *
     * @throws com.switchboard.emulator.model.AcsApiException 400/8523 when {@code from} or {@code to} is not a phone
     *     number or raw id
     */
    IncomingCallResult placeIncomingCall(IncomingCallRequest request);

    /**
     * The caller of an incoming call hangs up: while ringing, the call is abandoned (an answer then fails with
     * AnswerFailed); once answered, the caller leaves the call. {@code POST /emulator/incoming-calls/{id}:hangUp}
     *
     * @throws com.switchboard.emulator.model.AcsApiException 404/8522 when there is no such incoming call in progress
     */
    void hangUpIncomingCall(String serverCallId);

    /** The incoming calls placed so far (the most recent 500), oldest first. {@code GET /emulator/incoming-calls} */
    List<IncomingCallSnapshot> incomingCalls();

    /** {@code GET /emulator/incoming-calls/{serverCallId}} */
    Optional<IncomingCallSnapshot> incomingCall(String serverCallId);

    /** How long incoming calls placed from now on ring before their context expires. */
    void setIncomingCallTimeout(Duration timeout);

    /** Replaces the raw-id globs of identities the application answers for (a redirect to one rings it again). */
    void setAppIdentities(List<String> globs);

    // --- rooms and group calls -----------------------------------------------------------------------------------

    /**
     * Registers a room with the people in it, for connect with a {@code roomCallLocator}; its server call id reaches
     * it with a {@code serverCallLocator} too. Registering an id again replaces its people.
     * {@code POST /emulator/rooms}
     *
     * @param participantRawIds raw ids or E.164 phone numbers
     */
    Conference createRoom(String roomId, List<String> participantRawIds);

    /**
     * Like {@link #createRoom(String, List)}, for a group call ({@code groupCallLocator}).
     * {@code POST /emulator/group-calls}
     */
    Conference createGroupCall(String groupCallId, List<String> participantRawIds);

    // --- Event Grid ----------------------------------------------------------------------------------------------

    /**
     * Sets the Event Grid subscription for IncomingCall events, e.g. once the application's port is known; null or
     * blank removes it. The new subscription is validated before its first delivery. {@code PUT /emulator/event-grid}
     *
     * @param schema null for {@link EventGridSchema#EVENT_GRID}
     * @throws IllegalArgumentException when the URL is not an absolute http(s) URL
     */
    void setEventGridSubscription(String url, EventGridSchema schema);

    /** {@code GET /emulator/event-grid} */
    EventGridSubscriptionStatus eventGridSubscription();

    /**
     * Validates the subscription as a GET on the validation URL of its SubscriptionValidationEvent does; false when
     * no subscription has that code. {@code GET /emulator/event-grid/validate?id={validationCode}}
     */
    boolean validateEventGridSubscription(String validationCode);

    /**
     * The Event Grid deliveries so far, oldest first: the validation handshakes (type {@code SubscriptionValidation})
     * and the events (type {@code IncomingCall}), delivered or dropped. Their {@code callConnectionId} is null; a
     * dropped event that was never attempted (its subscription failed validation) has 0 attempts.
     */
    List<DeliveredEvent> eventGridDeliveries();

    // --- callbacks -----------------------------------------------------------------------------------------------

    /** The callback deliveries made so far (delivered or dropped), oldest first. */
    List<DeliveredEvent> deliveredEvents();

    void clearDeliveredEvents();

    /**
     * A valid callback token, as the next callback would carry: for posting callbacks yourself (tests, load tests).
     * {@code POST /emulator/callback-tokens}
     */
    String issueCallbackToken();

    /** The given claims signed with the current callback key: for tests of what a verifier must refuse. */
    String signCallbackToken(JWTClaimsSet claims);

    /**
     * Signs callbacks with a new RSA key (and {@code kid}) from now on. The key set at {@code /calling/keys} then
     * lists the new key and keeps the previous one, as a real rotation overlaps; a further rotation drops the oldest.
     */
    void rotateSigningKey();

    // --- faults --------------------------------------------------------------------------------------------------

    /**
     * Replaces the fault plan, from the next decision on (an event already held back or delayed keeps its fault),
     * and resets {@link #injectedFaults()} and {@link #faultedActions()}. {@code PUT /emulator/faults}
     */
    void setFaults(Faults plan);

    /** The current fault plan; its {@code failNextActions} is the number of actions still to fail. {@code GET} */
    Faults faults();

    /** No faults from now on ({@link Faults#NONE}); resets the counts. {@code DELETE /emulator/faults} */
    void clearFaults();

    /**
     * How many faults of each kind were injected since the plan was set (every kind present); each delivery's own
     * faults are in its {@link DeliveredEvent#faults()}. {@code GET /emulator/faults/injected}, with the actions
     */
    Map<FaultKind, Long> injectedFaults();

    /** The actions refused by the fault plan since it was set, oldest first (the most recent 1000). */
    List<FaultedAction> faultedActions();

    // --- the phone network ---------------------------------------------------------------------------------------

    /** Replaces the phone-network rules (the whole list, first match wins); calls already ringing are unaffected. */
    void setRules(List<PhoneRule> rules);

    List<PhoneRule> rules();

    /** How long callees ring from now on before their rule's outcome. */
    void setAnswerDelay(Duration answerDelay);
}
