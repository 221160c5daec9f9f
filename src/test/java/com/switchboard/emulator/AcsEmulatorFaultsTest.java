package com.switchboard.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.azure.communication.callautomation.CallAutomationClient;
import com.azure.communication.callautomation.models.CallInvite;
import com.azure.communication.common.CommunicationUserIdentifier;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.emulator.delivery.DeliveredEvent;
import com.switchboard.emulator.faults.FaultKind;
import com.switchboard.emulator.faults.FaultedAction;
import com.switchboard.emulator.faults.Faults;
import com.switchboard.emulator.telephony.CallOperation;
import com.switchboard.emulator.telephony.CallSnapshot;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fault plan: callback delivery faults, action faults, and their control through the Java and control APIs. */
class AcsEmulatorFaultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREATE_CALL = "/calling/callConnections?api-version=2023-03-06";

    private static AcsEmulator emulator;
    private static CallbackReceiver receiver;
    /** Retries after 10 ms unless the answer says otherwise (Retry-After), so faulted actions cost no time. */
    private static CallAutomationClient client;

    @BeforeAll
    static void start() throws IOException {
        emulator = AcsEmulator.start(EmulatorSettings.defaults()
            .withPort(0)
            .withAnswerDelay(Duration.ZERO)
            .withCallbackRetries(3, Duration.ofMillis(20)));
        receiver = CallbackReceiver.start();
        client = EmulatorClients.sdk(emulator, new RetryOptions(new ExponentialBackoffOptions()
            .setMaxRetries(3).setBaseDelay(Duration.ofMillis(10)).setMaxDelay(Duration.ofMillis(50))));
    }

    @AfterAll
    static void stop() {
        emulator.close();
        receiver.close();
    }

    @AfterEach
    void clearFaults() {
        emulator.clearFaults();
    }

    @Test
    void sdkRetriesFaultedCreateCallWithTheSameRepeatabilityIdAndTheCallIsCreatedOnce() {
        emulator.setFaults(Faults.NONE.withFailNextActions(2, 503));
        String callbackUrl = receiver.url("/retried-" + UUID.randomUUID());

        String callId = createCall(callbackUrl);

        assertThat(emulator.calls()).filteredOn(call -> call.callbackUri().equals(callbackUrl))
            .singleElement().extracting(CallSnapshot::callConnectionId).isEqualTo(callId);
        List<FaultedAction> faulted = emulator.faultedActions();
        assertThat(faulted).hasSize(2).allSatisfy(action -> {
            assertThat(action.status()).isEqualTo(503);
            assertThat(action.method()).isEqualTo("POST");
            assertThat(action.path()).isEqualTo("/calling/callConnections");
        });
        assertThat(faulted.get(0).repeatabilityRequestId()).isNotBlank()
            .isEqualTo(faulted.get(1).repeatabilityRequestId());
        assertThat(emulator.injectedFaults()).containsEntry(FaultKind.ACTION_FAULT, 2L);
        assertThat(emulator.faults().failNextActions()).isZero();
        receiver.awaitEvent(callId, "ParticipantsUpdated");
        assertThat(receiver.types(callId)).containsExactly("CallConnected", "ParticipantsUpdated");
    }

    @Test
    void sdkWaitsForRetryAfterOfAThrottledAction() {
        emulator.setFaults(Faults.NONE.withFailNextActions(1, 429).withRetryAfter(Duration.ofSeconds(1)));
        Instant start = Instant.now();

        String callId = createCall(receiver.url());

        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(emulator.faultedActions()).singleElement().extracting(FaultedAction::status).isEqualTo(429);
        receiver.awaitEvent(callId, "ParticipantsUpdated");
    }

    @Test
    void faultedActionDoesNothingAndItsRetryIsCarriedOutOnceThenAnsweredFromTheStore() throws IOException {
        emulator.setFaults(Faults.NONE.withFailNextActions(1, 429).withRetryAfter(Duration.ofMillis(1500)));
        String callbackUrl = receiver.url("/raw-" + UUID.randomUUID());
        String body = "{\"targets\":[{\"communicationUser\":{\"id\":\"8:acs:raw\"}}],\"callbackUri\":\""
            + callbackUrl + "\"}";
        Map<String, String> headers = Map.of("Repeatability-Request-ID", UUID.randomUUID().toString(),
            "Repeatability-First-Sent", "Tue, 05 Mar 2024 10:00:00 GMT");

        HttpResponse<String> faulted = EmulatorClients.signed(emulator, "POST", CREATE_CALL, body, headers);
        assertThat(faulted.statusCode()).isEqualTo(429);
        assertThat(faulted.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(JSON.readTree(faulted.body()).path("error").path("code").asText()).isEqualTo("TooManyRequests");
        assertThat(emulator.calls()).noneMatch(call -> call.callbackUri().equals(callbackUrl));

        HttpResponse<String> retried = EmulatorClients.signed(emulator, "POST", CREATE_CALL, body, headers);
        HttpResponse<String> repeated = EmulatorClients.signed(emulator, "POST", CREATE_CALL, body, headers);
        assertThat(retried.statusCode()).isEqualTo(201);
        assertThat(repeated.statusCode()).isEqualTo(201);
        assertThat(repeated.body()).isEqualTo(retried.body());
        assertThat(emulator.calls()).filteredOn(call -> call.callbackUri().equals(callbackUrl)).hasSize(1);
        receiver.awaitEvent(JSON.readTree(retried.body()).path("callConnectionId").asText(), "ParticipantsUpdated");
    }

    @Test
    void actionFaultsAnswerTheAcsErrorOfTheirStatus() throws IOException {
        for (int status : List.of(500, 503)) {
            emulator.setFaults(Faults.NONE.withActionFaults(1, status));
            HttpResponse<String> response = EmulatorClients.signed(emulator, "POST", CREATE_CALL,
                "{\"targets\":[{\"communicationUser\":{\"id\":\"8:acs:x\"}}],\"callbackUri\":\"" + receiver.url()
                    + "\"}", Map.of());
            assertThat(response.statusCode()).isEqualTo(status);
            assertThat(response.headers().firstValue("Retry-After")).isEmpty();
            assertThat(JSON.readTree(response.body()).path("error").path("code").asText())
                .isEqualTo(status == 500 ? "InternalServerError" : "ServiceUnavailable");
        }
        HttpResponse<String> read = EmulatorClients.signed(emulator, "GET",
            "/calling/callConnections/unknown?api-version=2023-03-06", null, Map.of());
        assertThat(read.statusCode()).as("reads are not faulted").isEqualTo(404);
    }

    @Test
    void duplicateDeliversEveryEventTwiceWithTheSameId() {
        emulator.setFaults(Faults.NONE.withDuplicateProbability(1));

        String callId = createCall(receiver.url());

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.events(callId).size() == 4);
        Map<String, Long> postsPerId = receiver.events(callId).stream()
            .collect(Collectors.groupingBy(event -> event.path("id").asText(), Collectors.counting()));
        assertThat(postsPerId).hasSize(2).allSatisfy((id, posts) -> assertThat(posts).isEqualTo(2));
        assertThat(receiver.types(callId))
            .containsExactlyInAnyOrder("CallConnected", "CallConnected", "ParticipantsUpdated", "ParticipantsUpdated");
        await().atMost(Duration.ofSeconds(5)).until(() -> deliveries(callId).size() == 4);
        List<DeliveredEvent> deliveries = deliveries(callId);
        assertThat(deliveries).hasSize(4).allMatch(DeliveredEvent::delivered);
        assertThat(deliveries).filteredOn(d -> d.faults().contains(FaultKind.DUPLICATE)).hasSize(2);
        assertThat(emulator.injectedFaults()).containsEntry(FaultKind.DUPLICATE, 2L);
    }

    @Test
    void reorderDeliversAnEventAfterTheNextOneAndFlushesALoneOneAfterTheHold() {
        emulator.setFaults(Faults.NONE.withReorder(1, Duration.ofMillis(200)));

        String callId = createCall(receiver.url());
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.events(callId).size() == 2);
        assertThat(receiver.types(callId)).containsExactly("ParticipantsUpdated", "CallConnected");

        Instant hangUp = Instant.now();
        client.getCallConnection(callId).hangUp(false);
        receiver.awaitEvent(callId, "CallDisconnected");
        assertThat(Duration.between(hangUp, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(receiver.types(callId))
            .containsExactly("ParticipantsUpdated", "CallConnected", "CallDisconnected");
        // The delivery log is written once the POST's answer is in, a moment after the receiver has the event.
        await().atMost(Duration.ofSeconds(5)).until(() -> deliveries(callId).size() == 3);
        assertThat(deliveries(callId)).extracting(DeliveredEvent::type, DeliveredEvent::faults).containsExactly(
            tuple("ParticipantsUpdated", List.of()),
            tuple("CallConnected", List.of(FaultKind.REORDER)),
            tuple("CallDisconnected", List.of(FaultKind.REORDER)));
        assertThat(emulator.injectedFaults()).containsEntry(FaultKind.REORDER, 2L);
    }

    @Test
    void failFirstAttemptDeliversEveryEventOnceThroughTheRetry() {
        emulator.setFaults(Faults.NONE.withFailFirstAttemptProbability(1));
        String path = "/first-attempt-" + UUID.randomUUID();

        String callId = createCall(receiver.url(path));

        await().atMost(Duration.ofSeconds(5)).until(() -> deliveries(callId).size() == 2);
        assertThat(deliveries(callId)).allSatisfy(delivery -> {
            assertThat(delivery.delivered()).isTrue();
            assertThat(delivery.attempts()).isEqualTo(2);
            assertThat(delivery.faults()).containsExactly(FaultKind.FAIL_FIRST_ATTEMPT);
        });
        assertThat(receiver.posts()).filteredOn(post -> post.path().equals(path)).hasSize(2);
        assertThat(receiver.types(callId)).containsExactly("CallConnected", "ParticipantsUpdated");
        assertThat(emulator.injectedFaults()).containsEntry(FaultKind.FAIL_FIRST_ATTEMPT, 2L);
    }

    @Test
    void deliverBeforeResponseAnswersAnActionOnlyAfterItsFirstCallbackWasAcknowledged() {
        // every delivery starts 200 ms late: without holding the response it would certainly come first
        emulator.setFaults(Faults.NONE.withDeliverBeforeResponse(true)
            .withDelay(Duration.ofMillis(200), Duration.ZERO));
        Instant start = Instant.now();

        String callId = createCall(receiver.url());

        assertThat(receiver.types(callId)).startsWith("CallConnected");
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        client.getCallConnection(callId).hangUp(false);
        assertThat(receiver.types(callId)).contains("CallDisconnected");

        await().atMost(Duration.ofSeconds(5)).until(() -> deliveries(callId).size() == 3);
        assertThat(receiver.types(callId)).containsExactly("CallConnected", "ParticipantsUpdated", "CallDisconnected");
        assertThat(deliveries(callId)).allMatch(delivery -> delivery.faults().equals(List.of(FaultKind.DELAY)));
        assertThat(emulator.injectedFaults())
            .containsEntry(FaultKind.DELIVER_BEFORE_RESPONSE, 2L)
            .containsEntry(FaultKind.DELAY, 3L);
    }

    @Test
    void underAllFaultsAtOnceEveryEventStillArrivesAndEveryActionIsCarriedOutOnce() {
        emulator.setFaults(new Faults(0.5, 0.5, Duration.ofMillis(100), Duration.ofMillis(5), Duration.ofMillis(20),
            0.5, true, 0.25, List.of(429, 500, 503), Duration.ZERO, 0, 7L));
        CallAutomationClient patient = EmulatorClients.sdk(emulator, new RetryOptions(new ExponentialBackoffOptions()
            .setMaxRetries(10).setBaseDelay(Duration.ofMillis(5)).setMaxDelay(Duration.ofMillis(20))));

        String callId = patient.createCall(new CallInvite(new CommunicationUserIdentifier("8:acs:chaos")),
            receiver.url()).getCallConnectionProperties().getCallConnectionId();
        receiver.awaitEvent(callId, "CallConnected");
        patient.getCallConnection(callId).addParticipant(new CallInvite(new CommunicationUserIdentifier("8:acs:b")));
        receiver.awaitEvent(callId, "AddParticipantSucceeded");
        patient.getCallConnection(callId).hangUp(false);

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.types(callId).stream().distinct().count() == 4
            && receiver.events(callId).stream().map(event -> event.path("id").asText()).distinct().count() == 5);
        assertThat(receiver.types(callId)).contains("CallConnected", "ParticipantsUpdated", "AddParticipantSucceeded",
            "CallDisconnected");
        assertThat(emulator.call(callId).orElseThrow().operations()).extracting(CallOperation::name)
            .containsExactly("CreateCall", "AddParticipant", "HangUp");
        assertThat(deliveries(callId)).allMatch(DeliveredEvent::delivered);
        Map<FaultKind, Long> injected = emulator.injectedFaults();
        assertThat(injected.get(FaultKind.DELAY)).isGreaterThanOrEqualTo(5);
        assertThat(injected.get(FaultKind.DUPLICATE) + injected.get(FaultKind.REORDER)
            + injected.get(FaultKind.FAIL_FIRST_ATTEMPT) + injected.get(FaultKind.ACTION_FAULT)).isPositive();
    }

    @Test
    void controlApiSetsReadsAndClearsTheFaultPlan() throws IOException {
        String plan = """
            {"duplicateProbability": 0.25, "reorderProbability": 0.5, "maxHold": "PT0.3S", "delay": 50,
             "delayJitter": "PT0.02S", "failFirstAttemptProbability": 0.1, "deliverBeforeResponse": true,
             "actionFaultProbability": 0.05, "actionFaultStatuses": [503, 429], "retryAfter": "PT2S",
             "failNextActions": 3, "seed": 42}""";

        HttpResponse<String> put = EmulatorClients.control(emulator, "PUT", "/emulator/faults", plan);

        assertThat(put.statusCode()).isEqualTo(200);
        Faults expected = new Faults(0.25, 0.5, Duration.ofMillis(300), Duration.ofMillis(50), Duration.ofMillis(20),
            0.1, true, 0.05, List.of(503, 429), Duration.ofSeconds(2), 3, 42L);
        assertThat(emulator.faults()).isEqualTo(expected);
        JsonNode read = JSON.readTree(EmulatorClients.unsigned(emulator, "GET", "/emulator/faults").body());
        assertThat(read).isEqualTo(JSON.readTree(put.body()));
        assertThat(read.path("delay").asText()).isEqualTo("PT0.05S");
        assertThat(read.path("seed").asLong()).isEqualTo(42);
        assertThat(EmulatorClients.control(emulator, "PUT", "/emulator/faults", read.toString()).body())
            .isEqualTo(put.body());

        assertThat(EmulatorClients.control(emulator, "PUT", "/emulator/faults", "{\"duplicate-probability\": 1}")
            .statusCode()).isEqualTo(400);
        assertThat(EmulatorClients.control(emulator, "PUT", "/emulator/faults", "{\"duplicateProbability\": 2}")
            .statusCode()).isEqualTo(400);
        assertThat(EmulatorClients.control(emulator, "PUT", "/emulator/faults", "{\"actionFaultStatuses\": [502]}")
            .statusCode()).isEqualTo(400);
        assertThat(emulator.faults()).isEqualTo(expected);

        assertThat(EmulatorClients.unsigned(emulator, "DELETE", "/emulator/faults").statusCode()).isEqualTo(204);
        assertThat(emulator.faults()).isEqualTo(Faults.NONE);
        JsonNode cleared = JSON.readTree(EmulatorClients.unsigned(emulator, "GET", "/emulator/faults").body());
        assertThat(cleared.path("duplicateProbability").asDouble()).isZero();
        assertThat(cleared.path("failNextActions").asInt()).isZero();
        assertThat(cleared.path("seed").isNull()).isTrue();
    }

    @Test
    void controlApiReportsInjectedFaults() throws IOException {
        EmulatorClients.control(emulator, "PUT", "/emulator/faults", "{\"failNextActions\": 1}");
        String requestId = UUID.randomUUID().toString();
        EmulatorClients.signed(emulator, "POST", CREATE_CALL, "{\"targets\":[{\"communicationUser\":{\"id\":"
            + "\"8:acs:x\"}}],\"callbackUri\":\"" + receiver.url() + "\"}",
            Map.of("Repeatability-Request-ID", requestId));

        JsonNode injected = JSON.readTree(
            EmulatorClients.unsigned(emulator, "GET", "/emulator/faults/injected").body());

        assertThat(injected.path("counts").path("ACTION_FAULT").asInt()).isEqualTo(1);
        assertThat(injected.path("counts").path("DUPLICATE").asInt()).isZero();
        JsonNode action = injected.path("faultedActions").get(0);
        assertThat(action.path("status").asInt()).isEqualTo(429);
        assertThat(action.path("repeatabilityRequestId").asText()).isEqualTo(requestId);
        assertThat(action.path("path").asText()).isEqualTo("/calling/callConnections");
    }

    @Test
    void startsWithTheFaultsOfItsSettings() {
        Faults faults = Faults.NONE.withDuplicateProbability(0.5).withSeed(7L);
        try (AcsEmulator configured = AcsEmulator.start(EmulatorSettings.defaults().withPort(0).withFaults(faults))) {
            assertThat(configured.faults()).isEqualTo(faults);
        }
    }

    private static String createCall(String callbackUrl) {
        return client.createCall(new CallInvite(new CommunicationUserIdentifier("8:acs:" + UUID.randomUUID())),
            callbackUrl).getCallConnectionProperties().getCallConnectionId();
    }

    private static List<DeliveredEvent> deliveries(String callId) {
        return emulator.deliveredEvents().stream().filter(d -> callId.equals(d.callConnectionId())).toList();
    }
}
