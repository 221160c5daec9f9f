package com.switchboard.acs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.switchboard.SwitchboardIntegrationTest;
import com.switchboard.callbacks.CallbackUrls;
import com.switchboard.emulator.AcsEmulator;
import com.switchboard.emulator.telephony.CallSnapshot;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each ACS operation of the gateway through the real SDK (or the REST pipeline where the SDK has no
 * support) against the emulator: what is sent, how the answer is read, how errors read.
 */
class CallAutomationGatewayIT extends SwitchboardIntegrationTest {

    private static final Party CALLER_ID = Party.parse("+14255550100");

    @Autowired
    CallAutomationGateway acs;
    @Autowired
    AcsEmulator emulator;
    @Autowired
    CallbackUrls callbackUrls;

    /** These calls belong to no flow: their events are stored and, having no owner, end UNMATCHED. */
    private String callbacks() {
        return callbackUrls.forCall("gateway-it", "call").url();
    }

    @Test
    void createsOneToOneAndGroupCalls() {
        CallInfo phone = acs.createCall(new CreateCallRequest(List.of(Party.parse("+14255550123")), CALLER_ID, "Switchboard", callbacks(), "ctx-1", null), RequestKey.random());
        assertThat(phone.callConnectionId()).isNotBlank();
        assertThat(phone.serverCallId()).isNotBlank();
        assertThat(phone.state()).isEqualTo("connecting");
        assertThat(phone.targets()).containsExactly("4:+14255550123");

        CallInfo group = acs.createCall(new CreateCallRequest(List.of(Party.parse("+14255550123"), Party.parse("8:acs:user-1")),
                CALLER_ID, null, callbacks(), "ctx-2", null), RequestKey.random());
        assertThat(emulator.call(group.callConnectionId()).orElseThrow().targets())
                .containsExactly("4:+14255550123", "8:acs:user-1");
    }

    @Test
    void theSameRequestKeyNeverPlacesASecondCall() {
        RequestKey key = RequestKey.random();
        CallInfo first = acs.createCall(new CreateCallRequest(List.of(Party.parse("8:acs:user-2")), null, null, callbacks(), "ctx", null), key);
        CallInfo again = acs.createCall(new CreateCallRequest(List.of(Party.parse("8:acs:user-2")), null, null, callbacks(), "ctx", null), key);
        assertThat(again.callConnectionId()).isEqualTo(first.callConnectionId());
    }

    @Test
    void readsCallPropertiesAndParticipants() {
        String call = connectedCall("8:acs:user-3");
        assertThat(acs.getCall(call).state()).isEqualTo("connected");
        assertThat(acs.listParticipants(call)).extracting(ParticipantInfo::rawId).contains("8:acs:user-3");
        assertThat(acs.getParticipant(call, Party.parse("8:acs:user-3"))).hasValueSatisfying(p ->
                assertThat(p.rawId()).isEqualTo("8:acs:user-3"));
        assertThat(acs.getParticipant(call, Party.parse("8:acs:stranger"))).isEmpty();
    }

    @Test
    void addsAndRemovesParticipantsAndAnswersTheInvitationId() {
        String call = connectedCall("8:acs:user-4");
        String invitation = acs.addParticipant(new AddParticipantRequest(call, Party.parse("+14255550124"), CALLER_ID, null,
                Duration.ofSeconds(30),
                CustomCallingContext.forParty(Party.parse("+14255550124"), java.util.Map.of("Department", "sales")),
                null, "add-ctx"), RequestKey.random());
        assertThat(invitation).isNotBlank();
        assertThat(emulator.call(call).orElseThrow().operations()).anySatisfy(operation -> {
            assertThat(operation.operationContext()).isEqualTo("add-ctx");
            assertThat(operation.sipHeaders()).containsEntry("X-MS-Custom-Department", "sales");
        });
        await().atMost(Duration.ofSeconds(10)).until(() ->
                emulator.call(call).orElseThrow().participants().contains("4:+14255550124"));

        acs.removeParticipant(new RemoveParticipantRequest(call, Party.parse("+14255550124"), null, "remove-ctx"),
                RequestKey.random());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                !emulator.call(call).orElseThrow().participants().contains("4:+14255550124"));
    }

    @Test
    void connectsToGroupCallsAndServerCalls() {
        String group = "group-" + java.util.UUID.randomUUID();
        emulator.createGroupCall(group, List.of("8:acs:member-1", "8:acs:member-2"));
        CallInfo joined = acs.connect(new ConnectCallRequest(new CallLocator(CallLocator.Kind.GROUP_CALL, group), callbacks(),
                "ctx", null), RequestKey.random());
        assertThat(joined.callConnectionId()).isNotBlank();
        await().atMost(Duration.ofSeconds(10)).until(() -> "connected".equals(
                emulator.call(joined.callConnectionId()).map(CallSnapshot::state).orElse(null)));
        assertThat(acs.listParticipants(joined.callConnectionId())).extracting(ParticipantInfo::rawId)
                .contains("8:acs:member-1", "8:acs:member-2");

        String existing = connectedCall("8:acs:user-6");
        CallInfo second = acs.connect(new ConnectCallRequest(
                new CallLocator(CallLocator.Kind.SERVER_CALL, acs.getCall(existing).serverCallId()), callbacks(), "ctx", null),
                RequestKey.random());
        assertThat(second.callConnectionId()).isNotEqualTo(existing);
    }

    @Test
    void transfersWithATransfereeAndCustomHeaders() {
        CallInfo call = acs.createCall(new CreateCallRequest(List.of(Party.parse("+14255550123"), Party.parse("8:acs:user-7")),
                CALLER_ID, null, callbacks(), "ctx", null), RequestKey.random());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                emulator.call(call.callConnectionId()).orElseThrow().participants().contains("8:acs:user-7"));
        Party target = Party.parse("8:acs:user-8");
        acs.transfer(new TransferCallRequest(call.callConnectionId(), target, Party.parse("8:acs:user-7"), null,
                CustomCallingContext.forParty(target, java.util.Map.of("ticket", "42")), null, "transfer-ctx"),
                RequestKey.random());
        assertThat(emulator.call(call.callConnectionId()).orElseThrow().operations()).anySatisfy(operation -> {
            assertThat(operation.transferee()).isEqualTo("8:acs:user-7");
            assertThat(operation.voipHeaders()).containsEntry("ticket", "42");
        });
        await().atMost(Duration.ofSeconds(10)).until(() ->
                !emulator.call(call.callConnectionId()).orElseThrow().participants().contains("8:acs:user-7"));
    }

    @Test
    void hangingUpForEveryoneEndsTheCallAndHangingUpAnEndedCallIsNoError() {
        String call = connectedCall("8:acs:user-5");
        assertThat(acs.hangUp(new HangUpRequest(call, true), RequestKey.random())).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                emulator.call(call).map(CallSnapshot::state).orElse("gone").equals("disconnected"));
        assertThat(acs.hangUp(new HangUpRequest("no-such-call", false), RequestKey.random())).isFalse();
    }

    @Test
    void anAcsErrorReadsAsWhatWasAskedAndWhatAcsAnswered() {
        assertThatThrownBy(() -> acs.addParticipant(new AddParticipantRequest("no-such-call", Party.parse("8:acs:x"), null, null, null,
                null, null, "ctx"), RequestKey.random()))
                .isInstanceOf(AcsRequestException.class)
                .hasMessageStartingWith("ACS could not add 8:acs:x to call no-such-call: HTTP 404, code 8522")
                .satisfies(e -> assertThat(((AcsRequestException) e).status()).isEqualTo(404));
        assertThatThrownBy(() -> acs.getCall("no-such-call"))
                .isInstanceOf(AcsRequestException.class)
                .hasMessageStartingWith("ACS could not read call no-such-call: HTTP 404, code 8522");
    }

    private String connectedCall(String target) {
        CallInfo call = acs.createCall(new CreateCallRequest(List.of(Party.parse(target)), null, null, callbacks(), "ctx", null),
                RequestKey.random());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                "connected".equals(emulator.call(call.callConnectionId()).map(CallSnapshot::state).orElse(null)));
        return call.callConnectionId();
    }
}
