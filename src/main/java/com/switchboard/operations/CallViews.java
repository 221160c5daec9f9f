package com.switchboard.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.acs.Party;
import com.switchboard.callbacks.CallbackInbox;
import com.switchboard.callbacks.InboxEntry;
import com.switchboard.callbacks.InboxStatus;
import com.switchboard.correlation.CallOwnership;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;

/**
 * Reads a call flow's call for the Call tab: the flow through the engine's authorized queries, as the Cockpit user
 * (so a user who may not read the flow finds nothing), and its callback events from the inbox, found by the calls the
 * flow owns or made and its {@code callConnectionId} variable.
 */
@Service
public class CallViews {

    /** The variables the tab shows (written by the call actions and correlation/CallVariables). */
    static final List<String> VARIABLES = List.of("callConnectionId", "serverCallId", "correlationId", "callState",
            "lastEvent", "lastResultCode", "lastResultSubCode", "lastResultMessage", "participants", "recordingId",
            "recordingState");
    /** A flow has a few calls; more ids than this are not looked for. */
    private static final int MOST_CALLS = 20;
    /** Which media operation a wait for one of these events means is in progress. */
    private static final Map<String, String> MEDIA_WAITS = Map.ofEntries(
            Map.entry("PlayCompleted", "Playing a prompt"), Map.entry("PlayFailed", "Playing a prompt"),
            Map.entry("RecognizeCompleted", "Recognizing input"), Map.entry("RecognizeFailed", "Recognizing input"),
            Map.entry("SendDtmfTonesCompleted", "Sending DTMF tones"),
            Map.entry("ContinuousDtmfRecognitionToneReceived", "Listening for keys (continuous DTMF)"),
            Map.entry("TranscriptionUpdated", "Transcribing"), Map.entry("MediaStreamingStarted", "Streaming media"));

    private static final Set<String> PLAY_EVENTS = Set.of("PlayStarted", "PlayCompleted", "PlayFailed", "PlayCanceled");

    private final RuntimeService runtime;
    private final HistoryService history;
    private final IdentityService identity;
    private final CallbackInbox inbox;
    private final CallOwnership ownership;
    private final ObjectMapper mapper;

    CallViews(RuntimeService runtime, HistoryService history, IdentityService identity, CallbackInbox inbox,
              CallOwnership ownership, ObjectMapper mapper) {
        this.runtime = runtime;
        this.history = history;
        this.identity = identity;
        this.inbox = inbox;
        this.ownership = ownership;
        this.mapper = mapper;
    }

    /** The flow's call, or empty when there is no such flow or the user may not read it. */
    public Optional<CallView> call(CockpitUser user, String processInstanceId, int eventLimit) {
        Flow flow = asUser(user, () -> flow(processInstanceId));
        if (flow == null) {
            return Optional.empty();
        }
        Map<String, Object> variables = flow.variables();
        Set<String> callIds = callIds(processInstanceId, text(variables.get("callConnectionId")));
        List<CallView.Event> events = new ArrayList<>();
        List<JsonNode> payloads = new ArrayList<>();
        for (InboxEntry entry : inbox.newestOfCalls(callIds, eventLimit + 1)) {
            JsonNode payload = parse(entry.payload());
            events.add(event(entry, payload));
            payloads.add(payload);
        }
        boolean more = events.size() > eventLimit;
        if (more) {
            events.remove(eventLimit);
            payloads.remove(eventLimit);
        }
        Participants participants = participants(payloads, text(variables.get("participants")));
        CallView.Call call = new CallView.Call(text(variables.get("callConnectionId")), text(variables.get("serverCallId")),
                text(variables.get("correlationId")), text(variables.get("callState")), text(variables.get("lastEvent")),
                number(variables.get("lastResultCode")), number(variables.get("lastResultSubCode")),
                text(variables.get("lastResultMessage")));
        CallView.Recording recording = variables.get("recordingId") == null && variables.get("recordingState") == null
                ? null : new CallView.Recording(text(variables.get("recordingId")), text(variables.get("recordingState")));
        return Optional.of(new CallView(processInstanceId, flow.definitionKey(), flow.businessKey(), flow.state(),
                flow.startedAt(), flow.endedAt(), call, flow.waits(), media(flow.waits(), events, participants.list()), recording,
                participants.list(), participants.at(), events, more));
    }

    /** Events that reached no flow ({@code UNMATCHED}), newest first, older than {@code before} when it is given. */
    public UnmatchedEvents unmatched(Long before, int limit) {
        List<CallView.Event> events = new ArrayList<>();
        inbox.withStatus(InboxStatus.UNMATCHED, before, limit + 1).forEach(entry -> events.add(event(entry, null)));
        Long next = null;
        if (events.size() > limit) {
            events.remove(limit);
            next = events.get(limit - 1).id();
        }
        return new UnmatchedEvents(events, next);
    }

    private record Flow(String definitionKey, String businessKey, String state, Instant startedAt, Instant endedAt,
                        Map<String, Object> variables, List<String> waits) {
    }

    /** The flow as the signed-in user may see it: running, or else from history; null when she may not. */
    private Flow flow(String processInstanceId) {
        HistoricProcessInstance past = history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
                .singleResult();
        ProcessInstance running = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        if (running != null) {
            Map<String, Object> variables = runtime.getVariables(processInstanceId, VARIABLES);
            List<String> waits = runtime.createEventSubscriptionQuery().processInstanceId(processInstanceId)
                    .eventType("message").list().stream().map(EventSubscription::getEventName).distinct().sorted().toList();
            return new Flow(definitionKey(running.getProcessDefinitionId(), past), running.getBusinessKey(), "running",
                    past == null ? null : instant(past.getStartTime()), null, variables, waits);
        }
        if (past == null) {
            return null;
        }
        Map<String, Object> variables = new java.util.HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).variableNameIn(VARIABLES.toArray(String[]::new)).list()) {
            // The flow's own variables, not a task's input of the same name.
            if (processInstanceId.equals(variable.getActivityInstanceId())) {
                variables.put(variable.getName(), variable.getValue());
            }
        }
        return new Flow(past.getProcessDefinitionKey(), past.getBusinessKey(), "ended", instant(past.getStartTime()),
                instant(past.getEndTime()), variables, List.of());
    }

    private static String definitionKey(String definitionId, HistoricProcessInstance past) {
        if (past != null) {
            return past.getProcessDefinitionKey();
        }
        int colon = definitionId.indexOf(':');
        return colon < 0 ? definitionId : definitionId.substring(0, colon);
    }

    /** Runs the engine queries as the user, so that the engine's authorizations decide what she sees. */
    private <T> T asUser(CockpitUser user, Supplier<T> work) {
        identity.setAuthentication(user.id(), user.groups());
        try {
            return work.get();
        } finally {
            identity.clearAuthentication();
        }
    }

    /** The calls the flow owns or made, and the one its variable names. */
    private Set<String> callIds(String processInstanceId, String variable) {
        Set<String> ids = new LinkedHashSet<>(ownership.callsOf(processInstanceId, MOST_CALLS));
        if (variable != null && ids.size() < MOST_CALLS) {
            ids.add(variable);
        }
        return ids;
    }

    private record Participants(List<CallView.Participant> list, Instant at) {
    }

    /**
     * Who is in the call: the newest ParticipantsUpdated (highest sequence number) among the events read, with muted
     * and on hold; without one, the raw ids of the {@code participants} variable.
     */
    private Participants participants(List<JsonNode> payloads, String variable) {
        JsonNode newest = null;
        int newestSequence = Integer.MIN_VALUE;
        for (JsonNode payload : payloads) {
            if (payload != null && payload.path("type").asText("").endsWith("ParticipantsUpdated")
                    && payload.path("data").path("participants").isArray()) {
                int sequence = payload.path("data").path("sequenceNumber").asInt(0);
                if (newest == null || sequence > newestSequence) {
                    newest = payload;
                    newestSequence = sequence;
                }
            }
        }
        List<CallView.Participant> list = new ArrayList<>();
        if (newest != null) {
            for (JsonNode participant : newest.path("data").path("participants")) {
                String rawId = participant.path("identifier").path("rawId").asText("");
                list.add(new CallView.Participant(rawId, kind(rawId), flag(participant, "isMuted"),
                        flag(participant, "isOnHold")));
            }
            Instant at = newest.path("time").isTextual() ? parseInstant(newest.path("time").asText()) : null;
            return new Participants(list, at);
        }
        JsonNode ids = variable == null ? null : parse(variable);
        if (ids != null && ids.isArray()) {
            ids.forEach(id -> list.add(new CallView.Participant(id.asText(), kind(id.asText()), null, null)));
        }
        return new Participants(list, null);
    }

    /**
     * The media operations in progress: those the flow waits for the end of, a play whose newest event is
     * PlayStarted (a looping play, or one the flow does not wait for), and hold music to a participant on hold.
     */
    private static List<String> media(List<String> waits, List<CallView.Event> newestFirst,
                                      List<CallView.Participant> participants) {
        Set<String> media = new LinkedHashSet<>();
        waits.stream().map(MEDIA_WAITS::get).filter(java.util.Objects::nonNull).forEach(media::add);
        newestFirst.stream().filter(event -> PLAY_EVENTS.contains(event.type())).findFirst()
                .filter(event -> "PlayStarted".equals(event.type())).ifPresent(event -> media.add("Playing a prompt"));
        participants.stream().filter(p -> Boolean.TRUE.equals(p.onHold()))
                .forEach(p -> media.add("Hold music to " + p.rawId()));
        return List.copyOf(media);
    }

    /**
     * What kind of party a raw id is. The application itself is an ACS user too ({@code 8:acs:<resource>_<id>}, like
     * every user of the resource), so it is not told apart.
     */
    static String kind(String rawId) {
        if (rawId.startsWith("28:")) {
            return "Teams app";
        }
        try {
            return switch (Party.parse(rawId).kind()) {
                case PHONE_NUMBER -> "phone";
                case ACS_USER -> "ACS user";
                case TEAMS_USER -> "Teams user";
            };
        } catch (IllegalArgumentException notAParty) {
            return "other";
        }
    }

    private static CallView.Event event(InboxEntry entry, JsonNode payload) {
        String status = entry.status().name();
        return new CallView.Event(entry.id(), entry.eventId(), entry.eventName(), entry.callConnectionId(),
                entry.receivedAt(), entry.handledAt(), status, outcome(status), entry.reason(), entry.attempts(),
                entry.origin(), entry.operationContext(), result(payload));
    }

    static String outcome(String status) {
        return switch (status) {
            case "PENDING" -> "waiting for the flow";
            case "CORRELATED" -> "delivered to the flow";
            case "APPLIED" -> "applied to the call's variables";
            case "UNMATCHED" -> "reached no flow";
            case "REJECTED" -> "rejected: sent to another call's URL";
            default -> status;
        };
    }

    private static String result(JsonNode payload) {
        JsonNode result = payload == null ? null : payload.path("data").path("resultInformation");
        if (result == null || !result.isObject()) {
            return null;
        }
        String codes = result.path("code").asText("?") + "/" + result.path("subCode").asText("?");
        String message = result.path("message").asText("");
        return message.isEmpty() ? codes : codes + " " + message;
    }

    private static Boolean flag(JsonNode node, String field) {
        return node.path(field).isBoolean() ? node.path(field).asBoolean() : null;
    }

    private JsonNode parse(String json) {
        try {
            return json == null ? null : mapper.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static Instant parseInstant(String text) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static Instant instant(java.util.Date date) {
        return date == null ? null : date.toInstant();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Integer number(Object value) {
        return value instanceof Number n ? n.intValue() : null;
    }
}
