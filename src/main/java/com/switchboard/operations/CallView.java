package com.switchboard.operations;

import java.time.Instant;
import java.util.List;

/**
 * A call flow's call as an operator sees it on Cockpit's Call tab.
 *
 * @param flowState    {@code running} or {@code ended}
 * @param waitsFor     the ACS events and messages the flow waits for now, by name
 * @param media        the media operations in progress, in words ({@code Playing a prompt}, ...), empty when none
 * @param participants who is in the call, from its newest ParticipantsUpdated event
 * @param events       the call's callback events, newest first, at most the limit asked for
 * @param moreEvents   whether older events were left out
 */
public record CallView(String processInstanceId, String processDefinitionKey, String businessKey, String flowState,
                       Instant startedAt, Instant endedAt, Call call, List<String> waitsFor, List<String> media,
                       Recording recording, List<Participant> participants, Instant participantsAt,
                       List<Event> events, boolean moreEvents) {

    /** The call's ids and state, from the flow's variables. */
    public record Call(String callConnectionId, String serverCallId, String correlationId, String callState,
                       String lastEvent, Integer lastResultCode, Integer lastResultSubCode, String lastResultMessage) {
    }

    public record Recording(String recordingId, String recordingState) {
    }

    /** @param kind {@code phone}, {@code ACS user}, {@code Teams user}, {@code Teams app} or {@code other} */
    public record Participant(String rawId, String kind, Boolean muted, Boolean onHold) {
    }

    /**
     * A callback event and what became of it.
     *
     * @param status  the inbox's status: PENDING, CORRELATED, APPLIED, UNMATCHED, REJECTED
     * @param outcome the status in words: {@code waiting for the flow}, {@code delivered to the flow}, ...
     * @param result  the event's resultInformation in words ({@code 486/0 busy}), null when it has none
     */
    public record Event(long id, String eventId, String type, String callConnectionId, Instant receivedAt,
                        Instant handledAt, String status, String outcome, String reason, int attempts,
                        String origin, String operationContext, String result) {
    }
}
