package com.switchboard.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.azure.communication.callautomation.CallAutomationClient;
import com.azure.communication.callautomation.CallAutomationEventParser;
import com.azure.communication.callautomation.CallConnection;
import com.azure.communication.callautomation.implementation.models.CommunicationErrorResponseException;
import com.azure.communication.callautomation.models.AddParticipantOptions;
import com.azure.communication.callautomation.models.AddParticipantResult;
import com.azure.communication.callautomation.models.CallConnectionProperties;
import com.azure.communication.callautomation.models.CallConnectionState;
import com.azure.communication.callautomation.models.CallInvite;
import com.azure.communication.callautomation.models.CallParticipant;
import com.azure.communication.callautomation.models.CreateCallOptions;
import com.azure.communication.callautomation.models.CreateCallResult;
import com.azure.communication.callautomation.models.events.AddParticipantFailed;
import com.azure.communication.callautomation.models.events.CallAutomationEventBase;
import com.azure.communication.callautomation.models.events.ParticipantsUpdated;
import com.azure.communication.common.CommunicationIdentifier;
import com.azure.communication.common.CommunicationUserIdentifier;
import com.azure.communication.common.PhoneNumberIdentifier;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.emulator.delivery.DeliveredEvent;
import com.switchboard.emulator.telephony.CallSnapshot;
import com.switchboard.emulator.telephony.PhoneBehaviour;
import com.switchboard.emulator.telephony.PhoneRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Drives the emulator with the real Call Automation SDK 1.0.4 and checks the callbacks it POSTs. */
class AcsEmulatorSdkTest {

    private static final PhoneNumberIdentifier CALLER_ID = new PhoneNumberIdentifier("+18005550100");

    private static AcsEmulator emulator;
    private static CallbackReceiver receiver;
    private static CallAutomationClient client;

    @BeforeAll
    static void start() throws Exception {
        emulator = AcsEmulator.start(EmulatorSettings.defaults()
            .withPort(0)
            .withAnswerDelay(Duration.ZERO)
            .withRingTimeout(Duration.ofMillis(500))
            .withParticipantsPageSize(2)
            .withCallbackRetries(3, Duration.ofMillis(20)));
        receiver = CallbackReceiver.start();
        client = EmulatorClients.sdk(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
        receiver.close();
    }

    @AfterEach
    void restoreRules() {
        emulator.setRules(PhoneRule.DEFAULTS);
        emulator.setAnswerDelay(Duration.ZERO);
    }

    @Test
    void createsCallToPhoneNumberThatConnects() {
        CreateCallResult result = client.createCall(
            new CallInvite(new PhoneNumberIdentifier("+15551234567"), CALLER_ID), receiver.url());

        CallConnectionProperties properties = result.getCallConnectionProperties();
        String callId = properties.getCallConnectionId();
        assertThat(callId).isNotBlank();
        assertThat(properties.getServerCallId()).isNotBlank();
        assertThat(properties.getCorrelationId()).isNotBlank();
        assertThat(properties.getCallConnectionState()).isEqualTo(CallConnectionState.CONNECTING);
        assertThat(properties.getCallbackUrl()).isEqualTo(receiver.url());
        assertThat(properties.getSourceCallerIdNumber().getPhoneNumber()).isEqualTo("+18005550100");
        assertThat(properties.getTargetParticipants()).extracting(CommunicationIdentifier::getRawId)
            .containsExactly("4:+15551234567");
        assertThat(properties.getSource().getRawId()).as("the application is an ACS user of the emulated resource")
            .startsWith("8:acs:" + emulator.resourceId() + "_");

        JsonNode connected = receiver.awaitEvent(callId, "ParticipantsUpdated");
        assertThat(receiver.types(callId)).containsExactly("CallConnected", "ParticipantsUpdated");
        JsonNode event = receiver.events(callId).get(0);
        assertThat(event.path("id").asText()).isNotBlank();
        assertThat(event.path("source").asText()).isEqualTo("calling/callConnections/" + callId);
        assertThat(event.path("subject").asText()).isEqualTo("calling/callConnections/" + callId);
        assertThat(event.path("type").asText()).isEqualTo("Microsoft.Communication.CallConnected");
        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(event.path("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(Instant.parse(event.path("time").asText())).isBeforeOrEqualTo(Instant.now());
        JsonNode data = event.path("data");
        assertThat(data.path("callConnectionId").asText()).isEqualTo(callId);
        assertThat(data.path("serverCallId").asText()).isEqualTo(properties.getServerCallId());
        assertThat(data.path("correlationId").asText()).isEqualTo(properties.getCorrelationId());
        assertThat(data.path("version").asText()).isEqualTo("2023-03-06");
        assertThat(data.path("publicEventType").asText()).isEqualTo("Microsoft.Communication.CallConnected");
        assertThat(connected.path("data").path("sequenceNumber").asInt()).isEqualTo(1);
        assertThat(connected.path("data").path("participants").findValuesAsText("rawId"))
            .containsExactly(properties.getSource().getRawId(), "4:+15551234567");

        CallbackReceiver.Post post = receiver.posts().stream()
            .filter(p -> p.events().contains(event)).findFirst().orElseThrow();
        assertThat(post.body().isArray()).isTrue();
        assertThat(post.body().size()).isEqualTo(1);
        assertThat(post.contentType()).startsWith("application/json");

        assertThat(client.getCallConnection(callId).getCallProperties().getCallConnectionState())
            .isEqualTo(CallConnectionState.CONNECTED);
    }

    @Test
    void createsCallToAcsUserWithOperationContextThatTheSdkParserReads() {
        CreateCallOptions options = new CreateCallOptions(
            new CallInvite(new CommunicationUserIdentifier("8:acs:someone")), receiver.url())
            .setOperationContext("greeting");
        CreateCallResult result = client.createCallWithResponse(options, Context.NONE).getValue();
        String callId = result.getCallConnectionProperties().getCallConnectionId();
        assertThat(result.getCallConnectionProperties().getCallConnectionState())
            .isEqualTo(CallConnectionState.CONNECTING);

        JsonNode updated = receiver.awaitEvent(callId, "ParticipantsUpdated");
        JsonNode connected = receiver.awaitEvent(callId, "CallConnected");
        assertThat(connected.path("data").path("operationContext").asText()).isEqualTo("greeting");

        List<CallAutomationEventBase> parsed = CallAutomationEventParser.parseEvents("[" + updated + "]");
        assertThat(parsed).singleElement().isInstanceOfSatisfying(ParticipantsUpdated.class, event -> {
            assertThat(event.getCallConnectionId()).isEqualTo(callId);
            assertThat(event.getParticipants()).extracting(p -> p.getIdentifier().getRawId())
                .contains("8:acs:someone");
        });
    }

    @ParameterizedTest
    @CsvSource({
        "4:+15550000486, 486", "4:+15550000480, 480", "4:+15550000603, 603", "4:+15550000408, 408",
        "8:acs:emulator-busy, 486", "8:acs:emulator-unavailable, 480", "8:acs:emulator-decline, 603",
        "8:acs:emulator-no-answer, 408"})
    void failingCalleesFailTheCall(String rawId, int code) {
        CommunicationIdentifier callee = rawId.startsWith("4:")
            ? new PhoneNumberIdentifier(rawId.substring(2)) : new CommunicationUserIdentifier(rawId);
        CallInvite invite = callee instanceof PhoneNumberIdentifier phone
            ? new CallInvite(phone, CALLER_ID) : new CallInvite((CommunicationUserIdentifier) callee);
        String callId = client.createCall(invite, receiver.url()).getCallConnectionProperties().getCallConnectionId();

        JsonNode failed = receiver.awaitEvent(callId, "CreateCallFailed");
        JsonNode result = failed.path("data").path("resultInformation");
        assertThat(result.path("code").asInt()).isEqualTo(code);
        assertThat(result.path("subCode").asInt()).isPositive();
        assertThat(result.path("message").asText()).isNotBlank();
        assertThat(receiver.types(callId)).containsExactly("CreateCallFailed");
        assertErrorCode(() -> client.getCallConnection(callId).getCallProperties(), 404, "8522");
    }

    @Test
    void addsParticipantThatAnswersAndListsParticipantsAcrossPages() {
        String callId = connectedCall(new CommunicationUserIdentifier("8:acs:first"));
        CallConnection call = client.getCallConnection(callId);

        AddParticipantResult added = call.addParticipant(
            new CallInvite(new PhoneNumberIdentifier("+15557654321"), CALLER_ID));
        assertThat(added.getParticipant().getIdentifier().getRawId()).isEqualTo("4:+15557654321");

        JsonNode succeeded = receiver.awaitEvent(callId, "AddParticipantSucceeded");
        assertThat(succeeded.path("data").path("participant").path("rawId").asText()).isEqualTo("4:+15557654321");
        assertThat(succeeded.path("data").path("resultInformation").path("code").asInt()).isEqualTo(200);
        await().until(() -> receiver.types(callId).size() == 4);
        assertThat(receiver.types(callId)).containsExactly(
            "CallConnected", "ParticipantsUpdated", "AddParticipantSucceeded", "ParticipantsUpdated");
        assertThat(receiver.events(callId).get(3).path("data").path("sequenceNumber").asInt()).isEqualTo(2);

        List<CallParticipant> participants = call.listParticipants().stream().toList();
        assertThat(participants).extracting(p -> p.getIdentifier().getRawId())
            .hasSize(3).contains("8:acs:first", "4:+15557654321");
        assertThat(call.listParticipants().iterableByPage()).hasSize(2);

        CallParticipant participant = call.getParticipant(new PhoneNumberIdentifier("+15557654321"));
        assertThat(participant.getIdentifier().getRawId()).isEqualTo("4:+15557654321");
        assertErrorCode(() -> call.getParticipant(new CommunicationUserIdentifier("8:acs:stranger")), 404, "8522");
    }

    @Test
    void addParticipantThatIsBusyFails() {
        String callId = connectedCall(new CommunicationUserIdentifier("8:acs:first"));
        AddParticipantOptions options = new AddParticipantOptions(
            new CallInvite(new PhoneNumberIdentifier("+15550000486"), CALLER_ID)).setOperationContext("add-busy");
        client.getCallConnection(callId).addParticipantWithResponse(options, Context.NONE);

        JsonNode failed = receiver.awaitEvent(callId, "AddParticipantFailed");
        assertThat(failed.path("data").path("resultInformation").path("code").asInt()).isEqualTo(486);
        assertThat(failed.path("data").path("operationContext").asText()).isEqualTo("add-busy");
        assertThat(CallAutomationEventParser.parseEvents("[" + failed + "]")).singleElement()
            .isInstanceOfSatisfying(AddParticipantFailed.class, event ->
                assertThat(event.getParticipant().getRawId()).isEqualTo("4:+15550000486"));
        assertThat(emulator.call(callId).orElseThrow().participants()).hasSize(2);
    }

    @Test
    void addParticipantThatNeverAnswersTimesOutAfterInvitationTimeout() {
        String callId = connectedCall(new CommunicationUserIdentifier("8:acs:first"));
        Instant start = Instant.now();
        client.getCallConnection(callId).addParticipantWithResponse(new AddParticipantOptions(
            new CallInvite(new CommunicationUserIdentifier("8:acs:emulator-no-answer")))
            .setInvitationTimeout(Duration.ofSeconds(1)), Context.NONE);

        JsonNode failed = receiver.awaitEvent(callId, "AddParticipantFailed");
        assertThat(failed.path("data").path("resultInformation").path("code").asInt()).isEqualTo(408);
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void rejectsInvitationTimeoutOutOfRange() {
        String callId = connectedCall(new CommunicationUserIdentifier("8:acs:first"));
        AddParticipantOptions options = new AddParticipantOptions(
            new CallInvite(new CommunicationUserIdentifier("8:acs:second")))
            .setInvitationTimeout(Duration.ofSeconds(181));
        assertErrorCode(() -> client.getCallConnection(callId).addParticipantWithResponse(options, Context.NONE),
            400, "8523");
    }

    @Test
    void removesParticipant() {
        String callId = connectedCall(new CommunicationUserIdentifier("8:acs:first"));
        CallConnection call = client.getCallConnection(callId);
        call.addParticipant(new CallInvite(new CommunicationUserIdentifier("8:acs:second")));
        receiver.awaitEvent(callId, "AddParticipantSucceeded");

        call.removeParticipant(new CommunicationUserIdentifier("8:acs:second"));

        JsonNode removed = receiver.awaitEvent(callId, "RemoveParticipantSucceeded");
        assertThat(removed.path("data").path("participant").path("rawId").asText()).isEqualTo("8:acs:second");
        await().until(() -> receiver.types(callId).size() == 6);
        assertThat(receiver.types(callId).subList(4, 6))
            .containsExactly("RemoveParticipantSucceeded", "ParticipantsUpdated");
        assertThat(receiver.events(callId).get(5).path("data").path("participants").findValuesAsText("rawId"))
            .doesNotContain("8:acs:second").contains("8:acs:first");
    }

    @Test
    void removingSomeoneNotInTheCallReportsRemoveParticipantFailed() {
        String callId = connectedCall(new CommunicationUserIdentifier("8:acs:first"));
        client.getCallConnection(callId).removeParticipant(new CommunicationUserIdentifier("8:acs:stranger"));

        JsonNode failed = receiver.awaitEvent(callId, "RemoveParticipantFailed");
        assertThat(failed.path("data").path("resultInformation").path("code").asInt()).isEqualTo(404);
        assertThat(emulator.call(callId).orElseThrow().state()).isEqualTo("connected");
    }

    @Test
    void hangUpDisconnectsTheApplication() {
        String callId = connectedCall(new CommunicationUserIdentifier("8:acs:first"));
        client.getCallConnection(callId).hangUp(false);

        JsonNode disconnected = receiver.awaitEvent(callId, "CallDisconnected");
        assertThat(disconnected.path("data").path("callConnectionId").asText()).isEqualTo(callId);
        assertErrorCode(() -> client.getCallConnection(callId).getCallProperties(), 404, "8522");
        assertThat(emulator.call(callId).orElseThrow().state()).isEqualTo("disconnected");
    }

    @Test
    void terminateEndsTheCallForEveryone() {
        String callId = connectedCall(new PhoneNumberIdentifier("+15551112222"));
        client.getCallConnection(callId).hangUp(true);

        receiver.awaitEvent(callId, "CallDisconnected");
        assertThat(emulator.call(callId).orElseThrow().participants())
            .doesNotContain("4:+15551112222");
        assertErrorCode(() -> client.getCallConnection(callId).hangUp(true), 404, "8522");
    }

    @Test
    void remoteHangUpViaControlApiEndsTwoPartyCall() {
        String callId = connectedCall(new PhoneNumberIdentifier("+15553334444"));

        var response = EmulatorClients.unsigned(emulator, "POST",
            "/emulator/calls/" + callId + "/participants/4%3A%2B15553334444:hangUp");

        assertThat(response.statusCode()).isEqualTo(204);
        await().until(() -> receiver.types(callId).size() == 4);
        assertThat(receiver.types(callId))
            .containsExactly("CallConnected", "ParticipantsUpdated", "ParticipantsUpdated", "CallDisconnected");
        assertThat(EmulatorClients.unsigned(emulator, "GET", "/emulator/calls/" + callId).body())
            .contains("\"state\":\"disconnected\"");
    }

    @Test
    void remoteHangUpOfOneOfTwoParticipantsKeepsTheCall() {
        String callId = connectedCall(new CommunicationUserIdentifier("8:acs:first"));
        client.getCallConnection(callId)
            .addParticipant(new CallInvite(new CommunicationUserIdentifier("8:acs:second")));
        receiver.awaitEvent(callId, "AddParticipantSucceeded");

        emulator.hangUpParticipant(callId, "8:acs:first");

        await().until(() -> receiver.types(callId).size() == 5);
        assertThat(receiver.types(callId).get(4)).isEqualTo("ParticipantsUpdated");
        assertThat(emulator.call(callId).orElseThrow().participants()).hasSize(2).contains("8:acs:second");
    }

    @Test
    void calleeRuleHangsUpAfterConfiguredTime() {
        emulator.setRules(List.of(new PhoneRule("+1555777*", PhoneBehaviour.HANG_UP_AFTER, Duration.ofMillis(200))));
        String callId = connectedCall(new PhoneNumberIdentifier("+15557770000"));

        receiver.awaitEvent(callId, "CallDisconnected");
        assertThat(receiver.types(callId))
            .containsExactly("CallConnected", "ParticipantsUpdated", "ParticipantsUpdated", "CallDisconnected");
    }

    @Test
    void answerDelayKeepsTheCallConnectingUntilAnswered() {
        emulator.setAnswerDelay(Duration.ofMillis(300));
        String callId = client.createCall(new CallInvite(new CommunicationUserIdentifier("8:acs:slow")),
            receiver.url()).getCallConnectionProperties().getCallConnectionId();

        assertThat(client.getCallConnection(callId).getCallProperties().getCallConnectionState())
            .isEqualTo(CallConnectionState.CONNECTING);
        receiver.awaitEvent(callId, "CallConnected");
        assertThat(client.getCallConnection(callId).getCallProperties().getCallConnectionState())
            .isEqualTo(CallConnectionState.CONNECTED);
    }

    @Test
    void rejectsRequestsSignedWithAnotherKey() {
        CallAutomationClient intruder = EmulatorClients.sdk(
            "endpoint=" + emulator.endpoint() + ";accesskey=" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        assertErrorCode(() -> intruder.createCall(
            new CallInvite(new CommunicationUserIdentifier("8:acs:x")), receiver.url()), 401, "Unauthorized");
    }

    @Test
    void unknownCallIsNotFound() {
        assertErrorCode(() -> client.getCallConnection("no-such-call").getCallProperties(), 404, "8522");
    }

    @Test
    void retriesCallbacksThatFail() {
        receiver.failNext(2);
        String callId = client.createCall(new CallInvite(new CommunicationUserIdentifier("8:acs:retry")),
            receiver.url()).getCallConnectionProperties().getCallConnectionId();

        receiver.awaitEvent(callId, "ParticipantsUpdated");
        assertThat(receiver.types(callId)).containsExactly("CallConnected", "ParticipantsUpdated");
        DeliveredEvent connected = emulator.deliveredEvents().stream()
            .filter(e -> e.callConnectionId().equals(callId) && e.type().equals("CallConnected"))
            .findFirst().orElseThrow();
        assertThat(connected.attempts()).isEqualTo(3);
        assertThat(connected.delivered()).isTrue();
        assertThat(connected.status()).isEqualTo(200);
    }

    @Test
    void dropsCallbacksAfterTheLastAttempt() {
        String unreachable = receiver.url().replaceFirst(":\\d+/", ":1/");
        String callId = client.createCall(new CallInvite(new CommunicationUserIdentifier("8:acs:lost")),
            unreachable).getCallConnectionProperties().getCallConnectionId();

        await().until(() -> emulator.deliveredEvents().stream()
            .filter(e -> e.callConnectionId().equals(callId)).count() == 2);
        assertThat(emulator.deliveredEvents().stream().filter(e -> e.callConnectionId().equals(callId)))
            .allSatisfy(event -> {
                assertThat(event.delivered()).isFalse();
                assertThat(event.attempts()).isEqualTo(3);
            })
            .extracting(DeliveredEvent::type).containsExactly("CallConnected", "ParticipantsUpdated");
    }

    @Test
    void controlApiListsCalls() {
        String callId = connectedCall(new CommunicationUserIdentifier("8:acs:listed"));
        var response = EmulatorClients.unsigned(emulator, "GET", "/emulator/calls");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(callId).contains("8:acs:listed");
        assertThat(emulator.calls()).extracting(CallSnapshot::callConnectionId).contains(callId);
        assertThat(EmulatorClients.unsigned(emulator, "GET", "/emulator/calls/nope").statusCode()).isEqualTo(404);
    }

    private String connectedCall(CommunicationIdentifier target) {
        CallInvite invite = target instanceof PhoneNumberIdentifier phone
            ? new CallInvite(phone, CALLER_ID) : new CallInvite((CommunicationUserIdentifier) target);
        String callId = client.createCall(invite, receiver.url()).getCallConnectionProperties().getCallConnectionId();
        receiver.awaitEvent(callId, "ParticipantsUpdated");
        return callId;
    }

    private static void assertErrorCode(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(HttpResponseException.class, e -> {
            assertThat(e.getResponse().getStatusCode()).isEqualTo(status);
            assertThat(e).isInstanceOf(CommunicationErrorResponseException.class);
            assertThat(((CommunicationErrorResponseException) e).getValue().getError().getCode()).isEqualTo(code);
        });
    }
}
