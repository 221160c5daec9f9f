package com.switchboard.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.SignedCallbacks;
import com.switchboard.SwitchboardIntegrationTest;
import com.switchboard.emulator.AcsEmulator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

class CallbackEndpointIT extends SwitchboardIntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    CallbackUrls callbackUrls;
    @Autowired
    AcsEmulator emulator;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CallbackInbox inbox;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    MeterRegistry meters;

    @Test
    void malformedJsonIsABadRequestAndNothingIsStored() {
        long before = storedEvents();
        ResponseEntity<String> response = post("[{\"id\": ", MediaType.APPLICATION_JSON);
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).contains("not valid JSON");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aBatchWithOneBadEventIsRefusedWhole() throws Exception {
        long before = storedEvents();
        String good = event(UUID.randomUUID().toString(), "CallConnected", "call-" + UUID.randomUUID());
        ResponseEntity<String> response = post("[" + good + ", {\"id\":\"x\"}]", MediaType.APPLICATION_JSON);
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(detail(response)).isEqualTo("Event 1 (x): \"type\" is missing");
        assertThat(storedEvents()).isEqualTo(before);
    }

    /** The second event of each batch, and the field its refusal names. */
    static Stream<Arguments> badSecondEvents() {
        String call = "call-" + UUID.randomUUID();
        return Stream.of(
                Arguments.of(event("x".repeat(200), "CallConnected", call), "Event 1: \"id\" is 200 characters long; at most 128 are accepted"),
                Arguments.of(event("e-type", "X".repeat(200), call), "Event 1 (e-type): \"type\" is 224 characters long; at most 128 are accepted"),
                Arguments.of(event("e-call", "CallConnected", "c".repeat(200)),
                        "Event 1 (e-call): \"data.callConnectionId\" is 200 characters long; at most 128 are accepted"),
                Arguments.of(withOperationContext(event("e-op", "AddParticipantSucceeded", call), "o".repeat(600)),
                        "Event 1 (e-op): \"data.operationContext\" is 600 characters long; at most 512 are accepted"),
                Arguments.of(event("e\\u0000nul", "CallConnected", call),
                        "Event 1: \"id\" contains a control character (U+0000) at position 1; none are accepted"),
                Arguments.of(event("", "CallConnected", call), "Event 1: \"id\" is empty"),
                Arguments.of(event("e-empty-type", "CallConnected", call).replace("Microsoft.Communication.CallConnected", ""),
                        "Event 1 (e-empty-type): \"type\" is empty"));
    }

    @ParameterizedTest
    @MethodSource("badSecondEvents")
    void aBatchWhoseSecondEventDoesNotFitIsRefusedWholeNamingTheField(String second, String detail) throws Exception {
        String call = "call-" + UUID.randomUUID();
        String firstId = UUID.randomUUID().toString();
        long before = storedEvents();
        ResponseEntity<String> response = post("[" + event(firstId, "CallConnected", call) + "," + second + "]",
                MediaType.APPLICATION_JSON);
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(detail(response)).isEqualTo(detail);
        assertThat(storedEvents()).isEqualTo(before);
        assertThat(inbox.ofCall(call)).isEmpty();
    }

    @Test
    void theLimitsAreTheInboxColumnWidths() {
        assertThat(columnWidth("event_id")).isEqualTo(CloudEventsReader.MAX_ID);
        assertThat(columnWidth("event_type")).isEqualTo(CloudEventsReader.MAX_TYPE);
        assertThat(columnWidth("call_connection_id")).isEqualTo(CloudEventsReader.MAX_CALL_CONNECTION_ID);
        assertThat(columnWidth("operation_context")).isEqualTo(CloudEventsReader.MAX_OPERATION_CONTEXT);
    }

    @Test
    void aDeliveryTheDatabaseRefusesHalfWayStoresNothing() {
        // What the reader lets through fits; this is the transaction's part, should the database still refuse one.
        String call = "call-" + UUID.randomUUID();
        CallbackEvent fits = new CallbackEvent(UUID.randomUUID().toString(), "Microsoft.Communication.CallConnected", call,
                null, mapper.createObjectNode(), "{}");
        CallbackEvent tooLong = new CallbackEvent("x".repeat(200), "Microsoft.Communication.CallConnected", call, null,
                mapper.createObjectNode(), "{}");
        long before = storedEvents();
        assertThatThrownBy(() -> inbox.store(List.of(fits, tooLong), Instant.now(), null))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(storedEvents()).isEqualTo(before);
        assertThat(inbox.ofCall(call)).isEmpty();
    }

    @Test
    void anEventTwiceInOneDeliveryIsStoredOnce() {
        String call = "call-" + UUID.randomUUID();
        String event = event(UUID.randomUUID().toString(), "ParticipantsUpdated", call);
        assertThat(post("[" + event + "," + event + "]", MediaType.APPLICATION_JSON).getStatusCode().value()).isEqualTo(200);
        assertThat(inbox.ofCall(call)).hasSize(1);
    }

    @Test
    void anObjectInsteadOfAnArrayIsABadRequest() {
        ResponseEntity<String> response = post(event("e", "CallConnected", "c"), MediaType.APPLICATION_JSON);
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody()).contains("must be a JSON array");
    }

    @Test
    void aBodyThatIsNotJsonByContentTypeIsUnsupported() {
        ResponseEntity<String> response = post("[]", MediaType.TEXT_PLAIN);
        assertThat(response.getStatusCode().value()).isEqualTo(415);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anEventDeliveredTwiceIsStoredOnce() {
        String call = "call-" + UUID.randomUUID();
        String event = "[" + event(UUID.randomUUID().toString(), "ParticipantsUpdated", call) + "]";
        assertThat(post(event, MediaType.APPLICATION_JSON).getStatusCode().value()).isEqualTo(200);
        assertThat(post(event, MediaType.APPLICATION_JSON).getStatusCode().value()).isEqualTo(200);
        assertThat(inbox.ofCall(call)).hasSize(1);
    }

    @Test
    void theSameEventDeliveredConcurrentlyIsStoredOnce() throws Exception {
        String call = "call-" + UUID.randomUUID();
        String event = "[" + event(UUID.randomUUID().toString(), "ParticipantsUpdated", call) + "]";
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> post(event, MediaType.APPLICATION_JSON).getStatusCode().value()));
            }
            for (java.util.concurrent.Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(inbox.ofCall(call)).hasSize(1);
    }

    @Test
    void theSameEventSerialisedAnotherWayIsAPlainDuplicate() {
        String call = "call-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        double duplicates = counter("switchboard.callbacks.duplicates");
        double conflicts = counter("switchboard.callbacks.conflicts");
        assertThat(post("[" + participantsUpdated(id, call, "4:+14255550123", "1") + "]", MediaType.APPLICATION_JSON)
                .getStatusCode().value()).isEqualTo(200);
        String again = """
                [ { "data" : { "sequenceNumber" : 1.0, "participants" : [ { "identifier" : { "rawId" : "4:\\u002B14255550123" } } ],
                               "callConnectionId" : "%s" },
                    "type" : "Microsoft.Communication.ParticipantsUpdated", "specversion" : "1.0", "id" : "%s" } ]
                """.formatted(call, id);
        assertThat(post(again, MediaType.APPLICATION_JSON).getStatusCode().value()).isEqualTo(200);
        assertThat(counter("switchboard.callbacks.duplicates")).isEqualTo(duplicates + 1);
        assertThat(counter("switchboard.callbacks.conflicts")).isEqualTo(conflicts);
        assertThat(conflictRows(id)).isZero();
        assertThat(inbox.ofCall(call)).hasSize(1);
    }

    @Test
    void anEventIdAgainWithAnotherPayloadIsAConflictKeptForTheOperator() throws Exception {
        String call = "call-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        String first = participantsUpdated(id, call, "4:+14255550123", "1");
        String other = participantsUpdated(id, call, "4:+14255550199", "2");
        double conflicts = counter("switchboard.callbacks.conflicts");
        double duplicates = counter("switchboard.callbacks.duplicates");
        assertThat(post("[" + first + "]", MediaType.APPLICATION_JSON).getStatusCode().value()).isEqualTo(200);
        String storedFirst = inbox.ofCall(call).get(0).payload();

        ResponseEntity<String> conflicting = post("[" + other + "]", MediaType.APPLICATION_JSON);

        assertThat(conflicting.getStatusCode().is2xxSuccessful()).isTrue(); // or ACS would deliver it for ever
        assertThat(inbox.ofCall(call)).singleElement().satisfies(e -> assertThat(e.payload()).isEqualTo(storedFirst));
        assertThat(conflictRows(id)).isEqualTo(1);
        assertThat(counter("switchboard.callbacks.conflicts")).isEqualTo(conflicts + 1);
        assertThat(counter("switchboard.callbacks.duplicates")).isEqualTo(duplicates);

        // Delivered again, the same conflicting payload is counted again but kept once.
        assertThat(post("[" + other + "]", MediaType.APPLICATION_JSON).getStatusCode().value()).isEqualTo(200);
        assertThat(conflictRows(id)).isEqualTo(1);
        assertThat(counter("switchboard.callbacks.conflicts")).isEqualTo(conflicts + 2);

        assertThat(http.getForEntity("/api/callbacks/conflicts", String.class).getStatusCode().value()).isEqualTo(401);
        JsonNode listed = mapper.readTree(http.withBasicAuth("admin", TEST_ADMIN_PASSWORD)
                .getForObject("/api/callbacks/conflicts?limit=10", String.class));
        assertThat(listed.isArray()).isTrue();
        JsonNode newest = listed.get(0);
        assertThat(newest.path("eventId").asText()).isEqualTo(id);
        assertThat(newest.path("payload").asText()).contains("4:+14255550199");
        assertThat(newest.path("storedPayload").asText()).isEqualTo(storedFirst);
        assertThat(newest.path("receivedAt").isMissingNode()).isFalse();
    }

    @Test
    void anEventForAnUnknownCallIsRecordedAsUnmatchedWithItsReason() throws Exception {
        String call = "unknown-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        assertThat(post("[" + event(eventId, "CallConnected", call) + "]", MediaType.APPLICATION_JSON)
                .getStatusCode().value()).isEqualTo(200);
        assertThat(inbox.ofCall(call)).singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(InboxStatus.PENDING));

        // After the early-event time-to-live (5 s in tests) the sweep records it as unmatched.
        await().atMost(Duration.ofSeconds(15)).until(() -> inbox.ofCall(call).get(0).status() == InboxStatus.UNMATCHED);
        JsonNode unmatched = mapper.readTree(http.withBasicAuth("admin", TEST_ADMIN_PASSWORD).getForObject("/api/callbacks/unmatched", String.class));
        JsonNode entry = null;
        for (JsonNode candidate : unmatched) {
            if (candidate.path("eventId").asText().equals(eventId)) {
                entry = candidate;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(entry.path("callConnectionId").asText()).isEqualTo(call);
        assertThat(entry.path("reason").asText()).startsWith("No flow owns call connection " + call);
    }

    private double counter(String name) {
        Counter counter = meters.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    private long conflictRows(String eventId) {
        return jdbc.queryForObject("select count(*) from callback_conflict where event_id = ?", Long.class, eventId);
    }

    private static String participantsUpdated(String id, String call, String participant, String sequenceNumber) {
        return """
                {"id":"%s","type":"Microsoft.Communication.ParticipantsUpdated","specversion":"1.0",
                 "data":{"callConnectionId":"%s","participants":[{"identifier":{"rawId":"%s"}}],"sequenceNumber":%s}}
                """.formatted(id, call, participant, sequenceNumber);
    }

    private String detail(ResponseEntity<String> problem) throws Exception {
        return mapper.readTree(problem.getBody()).path("detail").asText();
    }

    private int columnWidth(String column) {
        return jdbc.queryForObject("select character_maximum_length from information_schema.columns "
                + "where lower(table_name) = 'callback_inbox' and lower(column_name) = ?", Integer.class, column);
    }

    private static String withOperationContext(String event, String operationContext) {
        return event.replace("\"data\":{", "\"data\":{\"operationContext\":\"" + operationContext + "\",");
    }

    private long storedEvents() {
        return jdbc.queryForObject("select count(*) from callback_inbox", Long.class);
    }

    private static String event(String id, String name, String callConnectionId) {
        return """
                {"id":"%s","type":"Microsoft.Communication.%s","source":"calling/callConnections/%s",
                 "specversion":"1.0","time":"2026-11-24T10:00:00Z","data":{"callConnectionId":"%s"}}
                """.formatted(id, name, callConnectionId, callConnectionId);
    }

    private ResponseEntity<String> post(String body, MediaType type) {
        return new SignedCallbacks(http, callbackUrls, emulator).post("endpoint-it", "call", body, type);
    }
}
