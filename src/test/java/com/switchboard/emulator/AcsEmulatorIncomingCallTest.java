package com.switchboard.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.azure.communication.callautomation.CallAutomationClient;
import com.azure.communication.callautomation.CallAutomationEventParser;
import com.azure.communication.callautomation.implementation.models.CommunicationErrorResponseException;
import com.azure.communication.callautomation.models.AnswerCallResult;
import com.azure.communication.callautomation.models.CallConnectionProperties;
import com.azure.communication.callautomation.models.CallConnectionState;
import com.azure.communication.callautomation.models.CallInvite;
import com.azure.communication.callautomation.models.CallRejectReason;
import com.azure.communication.callautomation.models.RedirectCallOptions;
import com.azure.communication.callautomation.models.RejectCallOptions;
import com.azure.communication.callautomation.models.events.CallConnected;
import com.azure.communication.common.CommunicationIdentifier;
import com.azure.communication.common.CommunicationUserIdentifier;
import com.azure.communication.common.PhoneNumberIdentifier;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.emulator.delivery.DeliveredEvent;
import com.switchboard.emulator.delivery.EventGridSchema;
import com.switchboard.emulator.telephony.CallOperation;
import com.switchboard.emulator.telephony.IncomingCallRequest;
import com.switchboard.emulator.telephony.IncomingCallResult;
import com.switchboard.emulator.telephony.IncomingCallSnapshot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Incoming calls: Event Grid delivery in both schemas with their validation handshakes, and answer, reject and
 * redirect through the real SDK (raw requests where the SDK 1.0.4 cannot, e.g. AnswerFailed at newer versions).
 */
class AcsEmulatorIncomingCallTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLER = "+14255550123";
    private static final String BOT = "8:acs:bot";

    private static AcsEmulator emulator;
    private static CallbackReceiver callbacks;
    private static CallAutomationClient client;

    @BeforeAll
    static void start() throws IOException {
        emulator = AcsEmulator.start(EmulatorSettings.defaults().withPort(0).withAnswerDelay(Duration.ZERO)
            .withCallbackRetries(3, Duration.ofMillis(20)));
        callbacks = CallbackReceiver.start();
        client = EmulatorClients.sdk(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
        callbacks.close();
    }

    @AfterEach
    void reset() {
        emulator.setEventGridSubscription(null, null);
        emulator.setIncomingCallTimeout(Duration.ofSeconds(30));
    }

    @Test
    void deliversIncomingCallWithEventGridSchemaAfterTheValidationHandshake() throws IOException {
        try (EventGridReceiver webhook = EventGridReceiver.start()) {
            emulator.setEventGridSubscription(webhook.url(), EventGridSchema.EVENT_GRID);
            assertThat(emulator.eventGridSubscription().state()).isEqualTo("pending");

            IncomingCallResult call = emulator.placeIncomingCall(IncomingCallRequest.of(CALLER, BOT)
                .withCallerDisplayName("Alice")
                .withSipHeaders(Map.of("X-MS-Custom-Ticket", "42"))
                .withVoipHeaders(Map.of("tenant", "contoso")));

            JsonNode event = webhook.awaitIncomingCall(call.serverCallId());
            EventGridReceiver.Request validation = webhook.requests().get(0);
            assertThat(validation.method()).isEqualTo("POST");
            assertThat(validation.header("aeg-event-type")).isEqualTo("SubscriptionValidation");
            assertThat(validation.header("aeg-subscription-name")).isNotBlank();
            JsonNode validationEvent = validation.body().get(0);
            assertThat(validation.body().size()).isEqualTo(1);
            assertThat(validationEvent.path("eventType").asText())
                .isEqualTo("Microsoft.EventGrid.SubscriptionValidationEvent");
            assertThat(validationEvent.path("subject").asText()).isEmpty();
            assertThat(validationEvent.path("dataVersion").asText()).isEqualTo("2");
            assertThat(validationEvent.path("metadataVersion").asText()).isEqualTo("1");
            assertThat(validationEvent.path("data").path("validationCode").asText())
                .isEqualTo(emulator.eventGridSubscription().validationCode());
            assertThat(validationEvent.path("data").path("validationUrl").asText())
                .isEqualTo(emulator.eventGridSubscription().validationUrl());

            EventGridReceiver.Request notification = webhook.notifications().get(0);
            assertThat(notification.header("aeg-subscription-name"))
                .isEqualTo(validation.header("aeg-subscription-name"));
            assertThat(notification.header("aeg-delivery-count")).isEqualTo("0");
            assertThat(notification.header("aeg-data-version")).isEqualTo("1.0");
            assertThat(notification.header("aeg-metadata-version")).isEqualTo("1");
            assertThat(notification.header("content-type")).startsWith("application/json");
            assertThat(notification.body().isArray()).isTrue();
            assertThat(notification.body().size()).isEqualTo(1);

            assertThat(event.path("id").asText()).isNotBlank();
            assertThat(event.path("topic").asText()).startsWith("/subscriptions/")
                .contains("/providers/Microsoft.Communication/communicationServices/");
            assertThat(event.path("subject").asText()).isEqualTo("/caller/4:" + CALLER + "/recipient/" + BOT);
            assertThat(event.path("eventType").asText()).isEqualTo("Microsoft.Communication.IncomingCall");
            assertThat(Instant.parse(event.path("eventTime").asText())).isBeforeOrEqualTo(Instant.now());
            assertThat(event.path("dataVersion").asText()).isEqualTo("1.0");
            assertThat(event.path("metadataVersion").asText()).isEqualTo("1");
            JsonNode data = event.path("data");
            assertThat(data.path("from").path("kind").asText()).isEqualTo("phoneNumber");
            assertThat(data.path("from").path("rawId").asText()).isEqualTo("4:" + CALLER);
            assertThat(data.path("from").path("phoneNumber").path("value").asText()).isEqualTo(CALLER);
            assertThat(data.path("to").path("kind").asText()).isEqualTo("communicationUser");
            assertThat(data.path("to").path("communicationUser").path("id").asText()).isEqualTo(BOT);
            assertThat(data.path("serverCallId").asText()).isEqualTo(call.serverCallId());
            assertThat(data.path("incomingCallContext").asText()).isEqualTo(call.incomingCallContext());
            assertThat(data.path("correlationId").asText()).isEqualTo(call.correlationId());
            assertThat(data.path("callerDisplayName").asText()).isEqualTo("Alice");
            assertThat(data.path("customContext").path("sipHeaders").path("X-MS-Custom-Ticket").asText())
                .isEqualTo("42");
            assertThat(data.path("customContext").path("voipHeaders").path("tenant").asText()).isEqualTo("contoso");

            assertThat(emulator.eventGridSubscription().validated()).isTrue();
            assertThat(emulator.eventGridDeliveries()).filteredOn(d -> d.callbackUri().equals(webhook.url()))
                .extracting(DeliveredEvent::type, DeliveredEvent::delivered)
                .containsExactly(tuple("SubscriptionValidation", true),
                    tuple("IncomingCall", true));

            IncomingCallResult second = emulator.placeIncomingCall(IncomingCallRequest.of(CALLER, BOT));
            webhook.awaitIncomingCall(second.serverCallId());
            assertThat(webhook.requests()).filteredOn(r -> "SubscriptionValidation".equals(r.header("aeg-event-type")))
                .hasSize(1);
            assertThat(webhook.incomingCalls().get(1).path("data").has("customContext")).isFalse();
        }
    }

    @Test
    void endpointThatFailsValidationGetsNothingUntilValidatedManually() throws IOException, InterruptedException {
        try (EventGridReceiver webhook = EventGridReceiver.start()) {
            webhook.failValidation();
            emulator.setEventGridSubscription(webhook.url(), EventGridSchema.EVENT_GRID);

            emulator.placeIncomingCall(IncomingCallRequest.of(CALLER, BOT));

            await().until(() -> emulator.eventGridSubscription().state().equals("failed"));
            assertThat(emulator.eventGridSubscription().failure()).contains("validationResponse");
            emulator.placeIncomingCall(IncomingCallRequest.of(CALLER, BOT));
            await().until(() -> emulator.eventGridDeliveries().stream()
                .filter(d -> d.callbackUri().equals(webhook.url()) && d.type().equals("IncomingCall")).count() == 2);
            assertThat(webhook.notifications()).isEmpty();
            assertThat(emulator.eventGridDeliveries()).filteredOn(d -> d.callbackUri().equals(webhook.url()))
                .extracting(DeliveredEvent::type, DeliveredEvent::delivered)
                .containsExactly(tuple("SubscriptionValidation", false), tuple("IncomingCall", false),
                    tuple("IncomingCall", false));

            HttpResponse<String> manual = EmulatorClients.jdk().send(HttpRequest.newBuilder(
                URI.create(emulator.eventGridSubscription().validationUrl())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(manual.statusCode()).isEqualTo(200);
            assertThat(emulator.eventGridSubscription().validated()).isTrue();

            IncomingCallResult call = emulator.placeIncomingCall(IncomingCallRequest.of(CALLER, BOT));
            webhook.awaitIncomingCall(call.serverCallId());
            assertThat(webhook.notifications()).hasSize(1);
        }
    }

    @Test
    void deliversCloudEventsAfterTheOptionsHandshake() throws IOException {
        try (EventGridReceiver webhook = EventGridReceiver.start()) {
            emulator.setEventGridSubscription(webhook.url(), EventGridSchema.CLOUD_EVENTS);

            IncomingCallResult call = emulator.placeIncomingCall(IncomingCallRequest.of("8:acs:caller", BOT));

            JsonNode event = webhook.awaitIncomingCall(call.serverCallId());
            EventGridReceiver.Request handshake = webhook.requests().get(0);
            assertThat(handshake.method()).isEqualTo("OPTIONS");
            assertThat(handshake.header("WebHook-Request-Origin")).isEqualTo("eventgrid.azure.net");
            EventGridReceiver.Request delivery = webhook.notifications().get(0);
            assertThat(delivery.header("content-type")).isEqualTo("application/cloudevents+json; charset=utf-8");
            assertThat(delivery.body().isObject()).isTrue();
            assertThat(event.path("specversion").asText()).isEqualTo("1.0");
            assertThat(event.path("type").asText()).isEqualTo("Microsoft.Communication.IncomingCall");
            assertThat(event.path("source").asText()).contains("/communicationServices/");
            assertThat(event.path("subject").asText()).isEqualTo("/caller/8:acs:caller/recipient/" + BOT);
            assertThat(event.path("id").asText()).isNotBlank();
            assertThat(Instant.parse(event.path("time").asText())).isBeforeOrEqualTo(Instant.now());
            assertThat(event.path("data").path("incomingCallContext").asText()).isEqualTo(call.incomingCallContext());
            assertThat(event.path("data").path("from").path("rawId").asText()).isEqualTo("8:acs:caller");
        }
    }

    @Test
    void cloudEventsEndpointThatRefusesTheOriginGetsNothing() throws IOException {
        try (EventGridReceiver webhook = EventGridReceiver.start()) {
            webhook.failValidation();
            emulator.setEventGridSubscription(webhook.url(), EventGridSchema.CLOUD_EVENTS);
            emulator.placeIncomingCall(IncomingCallRequest.of(CALLER, BOT));

            await().until(() -> emulator.eventGridSubscription().state().equals("failed"));
            assertThat(emulator.eventGridSubscription().failure()).contains("WebHook-Allowed-Origin");
            assertThat(webhook.requests()).extracting(EventGridReceiver.Request::method).containsExactly("OPTIONS");
        }
    }

    @Test
    void answersThroughTheSdk() {
        IncomingCallResult incoming = emulator.placeIncomingCall(IncomingCallRequest.of(CALLER, "+14255550100")
            .withCallerDisplayName("Alice"));

        AnswerCallResult answered = client.answerCall(incoming.incomingCallContext(), callbacks.url());

        CallConnectionProperties properties = answered.getCallConnectionProperties();
        String callId = properties.getCallConnectionId();
        assertThat(properties.getCallConnectionState()).isEqualTo(CallConnectionState.CONNECTING);
        assertThat(properties.getServerCallId()).isEqualTo(incoming.serverCallId());
        assertThat(properties.getCorrelationId()).isEqualTo(incoming.correlationId());
        assertThat(properties.getSource().getRawId()).isEqualTo("4:" + CALLER);
        assertThat(properties.getTargetParticipants()).extracting(CommunicationIdentifier::getRawId)
            .containsExactly("4:+14255550100");

        JsonNode updated = callbacks.awaitEvent(callId, "ParticipantsUpdated");
        assertThat(callbacks.types(callId)).containsExactly("CallConnected", "ParticipantsUpdated");
        String application = emulator.call(callId).orElseThrow().source();
        assertThat(updated.path("data").path("participants").findValuesAsText("rawId"))
            .containsExactly(application, "4:" + CALLER);
        assertThat(CallAutomationEventParser.parseEvents("[" + callbacks.events(callId).get(0) + "]"))
            .singleElement().isInstanceOfSatisfying(CallConnected.class,
                event -> assertThat(event.getServerCallId()).isEqualTo(incoming.serverCallId()));
        assertThat(client.getCallConnection(callId).getCallProperties().getCallConnectionState())
            .isEqualTo(CallConnectionState.CONNECTED);
        assertThat(emulator.call(callId).orElseThrow().operations()).extracting(CallOperation::name)
            .containsExactly("AnswerCall");
        assertThat(emulator.incomingCall(incoming.serverCallId()).orElseThrow())
            .satisfies(call -> {
                assertThat(call.state()).isEqualTo("answered");
                assertThat(call.callConnectionId()).isEqualTo(callId);
            });

        assertErrorCode(() -> client.answerCall(incoming.incomingCallContext(), callbacks.url()), 400, "8523");
    }

    @Test
    void aContextOfTheLengthAskedForIsDeliveredAndAnswers() throws IOException {
        // No subscription yet: these calls are only placed.
        for (int length = 64; length < 80; length++) {
            String context = emulator.placeIncomingCall(IncomingCallRequest.of(CALLER, BOT).withContextLength(length))
                .incomingCallContext();
            assertThat(context).as("a context of %d characters", length).hasSize(length);
            String[] parts = context.split("\\.");
            assertThat(JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1])).path("cc").isTextual()).isTrue();
        }
        try (EventGridReceiver webhook = EventGridReceiver.start()) {
            emulator.setEventGridSubscription(webhook.url(), EventGridSchema.EVENT_GRID);
            IncomingCallResult incoming = emulator.placeIncomingCall(IncomingCallRequest.of(CALLER, BOT)
                .withContextLength(10_000));

            assertThat(incoming.incomingCallContext()).hasSize(10_000).startsWith("eyJ").endsWith(".");
            assertThat(webhook.awaitIncomingCall(incoming.serverCallId()).path("data").path("incomingCallContext")
                .asText()).isEqualTo(incoming.incomingCallContext());
            AnswerCallResult answered = client.answerCall(incoming.incomingCallContext(), callbacks.url());
            assertThat(answered.getCallConnectionProperties().getServerCallId()).isEqualTo(incoming.serverCallId());
        }
        assertThatThrownBy(() -> emulator.placeIncomingCall(IncomingCallRequest.of(CALLER, BOT).withContextLength(63)))
            .isInstanceOf(com.switchboard.emulator.model.AcsApiException.class).hasMessageContaining("contextLength");
    }

    @Test
    void answeringAnExpiredContextFails() {
        emulator.setIncomingCallTimeout(Duration.ofMillis(100));
        IncomingCallResult incoming = emulator.placeIncomingCall(IncomingCallRequest.of(CALLER, BOT));

        await().until(() -> emulator.incomingCall(incoming.serverCallId()).orElseThrow().state().equals("expired"));

        assertErrorCode(() -> client.answerCall(incoming.incomingCallContext(), callbacks.url()), 404, "8522");
        assertErrorCode(() -> client.rejectCall(incoming.incomingCallContext()), 404, "8522");
    }

    @Test
    void answeringAnUnknownContextFails() {
        assertErrorCode(() -> client.answerCall("eyJhbGciOiJub25lIn0.e30.", callbacks.url()), 400, "8523");
    }

    @Test
    void answerAfterTheCallerHungUpEndsWithCallDisconnectedAt2023() {
        IncomingCallResult incoming = emulator.placeIncomingCall(IncomingCallRequest.of(CALLER, BOT));
        emulator.hangUpIncomingCall(incoming.serverCallId());
        assertThat(emulator.incomingCall(incoming.serverCallId()).orElseThrow().state()).isEqualTo("abandoned");

        String callId = client.answerCall(incoming.incomingCallContext(), callbacks.url())
            .getCallConnectionProperties().getCallConnectionId();

        callbacks.awaitEvent(callId, "CallDisconnected");
        assertThat(callbacks.types(callId)).containsExactly("CallDisconnected");
        assertErrorCode(() -> client.getCallConnection(callId).getCallProperties(), 404, "8522");
    }

    @Test
    void answerAfterTheCallerHungUpSendsAnswerFailedAtNewerVersions() throws IOException {
        IncomingCallResult incoming = emulator.placeIncomingCall(IncomingCallRequest.of(CALLER, BOT));
        HttpResponse<String> hangUp = EmulatorClients.unsigned(emulator, "POST",
            "/emulator/incoming-calls/" + incoming.serverCallId() + ":hangUp");
        assertThat(hangUp.statusCode()).isEqualTo(204);

        HttpResponse<String> answer = EmulatorClients.signed(emulator, "POST",
            "/calling/callConnections:answer?api-version=2026-03-12", "{\"incomingCallContext\":\""
                + incoming.incomingCallContext() + "\",\"callbackUri\":\"" + callbacks.url()
                + "\",\"operationContext\":\"late\"}", Map.of());

        assertThat(answer.statusCode()).isEqualTo(200);
        String callId = JSON.readTree(answer.body()).path("callConnectionId").asText();
        JsonNode failed = callbacks.awaitEvent(callId, "AnswerFailed");
        assertThat(failed.path("data").path("resultInformation").path("code").asInt()).isEqualTo(487);
        assertThat(failed.path("data").path("operationContext").asText()).isEqualTo("late");
        assertThat(failed.path("data").path("version").asText()).isEqualTo("2026-03-12");
        assertThat(callbacks.types(callId)).containsExactly("AnswerFailed");
    }

    @Test
    void callerHangingUpAfterTheAnswerEndsTheCall() {
        IncomingCallResult incoming = emulator.placeIncomingCall(IncomingCallRequest.of(CALLER, BOT));
        String callId = client.answerCall(incoming.incomingCallContext(), callbacks.url())
            .getCallConnectionProperties().getCallConnectionId();
        callbacks.awaitEvent(callId, "ParticipantsUpdated");

        emulator.hangUpIncomingCall(incoming.serverCallId());

        callbacks.awaitEvent(callId, "CallDisconnected");
        assertThat(callbacks.types(callId))
            .containsExactly("CallConnected", "ParticipantsUpdated", "ParticipantsUpdated", "CallDisconnected");
    }

    @Test
    void rejectsThroughTheSdk() {
        IncomingCallResult incoming = emulator.placeIncomingCall(IncomingCallRequest.of(CALLER, BOT));

        var response = client.rejectCallWithResponse(new RejectCallOptions(incoming.incomingCallContext())
            .setCallRejectReason(CallRejectReason.BUSY), Context.NONE);

        assertThat(response.getStatusCode()).isEqualTo(204);
        IncomingCallSnapshot rejected = emulator.incomingCall(incoming.serverCallId()).orElseThrow();
        assertThat(rejected.state()).isEqualTo("rejected");
        assertThat(rejected.rejectReason()).isEqualTo("busy");
        assertThat(emulator.calls()).noneMatch(call -> call.serverCallId().equals(incoming.serverCallId()));
        assertErrorCode(() -> client.answerCall(incoming.incomingCallContext(), callbacks.url()), 400, "8523");
    }

    @Test
    void redirectToAnAppIdentityRaisesANewIncomingCall() throws IOException {
        try (EventGridReceiver webhook = EventGridReceiver.start()) {
            emulator.setEventGridSubscription(webhook.url(), EventGridSchema.EVENT_GRID);
            IncomingCallResult incoming = emulator.placeIncomingCall(IncomingCallRequest.of(CALLER, BOT)
                .withSipHeaders(Map.of("X-MS-Custom-Ticket", "7")));
            webhook.awaitIncomingCall(incoming.serverCallId());

            var response = client.redirectCallWithResponse(new RedirectCallOptions(
                incoming.incomingCallContext(), new CallInvite(new CommunicationUserIdentifier("8:acs:agent"))),
                Context.NONE);

            assertThat(response.getStatusCode()).isEqualTo(204);
            assertThat(emulator.incomingCall(incoming.serverCallId()).orElseThrow())
                .satisfies(call -> {
                    assertThat(call.state()).isEqualTo("redirected");
                    assertThat(call.redirectTarget()).isEqualTo("8:acs:agent");
                });
            await().until(() -> webhook.incomingCalls().size() == 2);
            JsonNode redirected = webhook.incomingCalls().get(1).path("data");
            assertThat(redirected.path("to").path("rawId").asText()).isEqualTo("8:acs:agent");
            assertThat(redirected.path("from").path("rawId").asText()).isEqualTo("4:" + CALLER);
            assertThat(redirected.path("customContext").path("sipHeaders").path("X-MS-Custom-Ticket").asText())
                .isEqualTo("7");
            assertThat(redirected.path("incomingCallContext").asText()).isNotEqualTo(incoming.incomingCallContext());

            String callId = client.answerCall(redirected.path("incomingCallContext").asText(), callbacks.url())
                .getCallConnectionProperties().getCallConnectionId();
            callbacks.awaitEvent(callId, "CallConnected");
            assertErrorCode(() -> client.redirectCall(incoming.incomingCallContext(),
                new CallInvite(new CommunicationUserIdentifier("8:acs:other"))), 400, "8523");
        }
    }

    @Test
    void redirectToAPhoneNumberLeavesTheEmulator() throws IOException {
        try (EventGridReceiver webhook = EventGridReceiver.start()) {
            emulator.setEventGridSubscription(webhook.url(), EventGridSchema.EVENT_GRID);
            IncomingCallResult incoming = emulator.placeIncomingCall(IncomingCallRequest.of(CALLER, BOT));
            webhook.awaitIncomingCall(incoming.serverCallId());

            client.redirectCall(incoming.incomingCallContext(),
                new CallInvite(new PhoneNumberIdentifier("+14255550199"), new PhoneNumberIdentifier(CALLER)));

            assertThat(emulator.incomingCall(incoming.serverCallId()).orElseThrow().redirectTarget())
                .isEqualTo("4:+14255550199");
            IncomingCallResult next = emulator.placeIncomingCall(IncomingCallRequest.of(CALLER, BOT));
            webhook.awaitIncomingCall(next.serverCallId());
            assertThat(webhook.incomingCalls()).hasSize(2);
        }
    }

    @Test
    void controlApiPlacesAndListsIncomingCalls() throws IOException {
        HttpResponse<String> placed = EmulatorClients.control(emulator, "POST", "/emulator/incoming-calls",
            "{\"from\":\"+14255550123\",\"to\":\"8:acs:bot\",\"callerDisplayName\":\"Bob\","
                + "\"sipHeaders\":{\"X-MS-Custom-A\":\"1\"},\"voipHeaders\":{\"b\":\"2\"},\"contextLength\":5000}");

        assertThat(placed.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(placed.body());
        String serverCallId = body.path("serverCallId").asText();
        assertThat(body.path("incomingCallContext").asText()).startsWith("eyJ").hasSize(5000);
        assertThat(body.path("correlationId").asText()).isNotBlank();
        JsonNode listed = JSON.readTree(EmulatorClients.unsigned(emulator, "GET",
            "/emulator/incoming-calls/" + serverCallId).body());
        assertThat(listed.path("state").asText()).isEqualTo("ringing");
        assertThat(listed.path("from").asText()).isEqualTo("4:+14255550123");
        assertThat(listed.path("callerDisplayName").asText()).isEqualTo("Bob");
        assertThat(EmulatorClients.unsigned(emulator, "GET", "/emulator/incoming-calls").body())
            .contains(serverCallId);

        HttpResponse<String> invalid = EmulatorClients.control(emulator, "POST", "/emulator/incoming-calls",
            "{\"from\":\"+1-425\",\"to\":\"8:acs:bot\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("from");
        assertThat(EmulatorClients.control(emulator, "POST", "/emulator/incoming-calls",
            "{\"from\":\"+14255550123\",\"to\":\"8:acs:bot\",\"contextLength\":\"long\"}").body())
            .contains("contextLength");
        assertThat(EmulatorClients.unsigned(emulator, "POST", "/emulator/incoming-calls/nope:hangUp").statusCode())
            .isEqualTo(404);
    }

    @Test
    void controlApiSetsTheSubscription() throws IOException {
        try (EventGridReceiver webhook = EventGridReceiver.start()) {
            HttpResponse<String> set = EmulatorClients.control(emulator, "PUT", "/emulator/event-grid",
                "{\"url\":\"" + webhook.url() + "\",\"schema\":\"CloudEvents\"}");
            assertThat(set.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(set.body()).path("state").asText()).isEqualTo("pending");
            assertThat(emulator.eventGridSubscription().schema()).isEqualTo(EventGridSchema.CLOUD_EVENTS);
            assertThat(emulator.eventGridSubscription().url()).isEqualTo(webhook.url());
        }
    }

    private static void assertErrorCode(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(HttpResponseException.class, e -> {
            assertThat(e.getResponse().getStatusCode()).isEqualTo(status);
            assertThat(e).isInstanceOf(CommunicationErrorResponseException.class);
            assertThat(((CommunicationErrorResponseException) e).getValue().getError().getCode()).isEqualTo(code);
        });
    }
}
