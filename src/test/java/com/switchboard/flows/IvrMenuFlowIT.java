package com.switchboard.flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.emulator.telephony.PhoneBehaviour;
import org.junit.jupiter.api.Test;

/**
 * processes/ivr-menu.bpmn on every path: a call to the menu line is answered, greeted and asked "press 1 for sales, 2
 * for support, or say it"; the choice picks the agent (ivr-menu.dmn) the call is transferred to; three tries without a
 * choice go to the operator; the caller hanging up in the menu ends the flow.
 */
class IvrMenuFlowIT extends IncomingFlowSupport {

    static final String MENU_LINE = "+18005550110";

    @Test
    void pressingOneTransfersTheCallerToSales() throws Exception {
        scriptCaller("+14255550111", "press 1");
        String flow = call("+14255550111", MENU_LINE);
        assertThat(definitionKeyOf(flow)).isEqualTo("ivr-menu");
        String callConnectionId = callConnectionId(flow);
        awaitEndedCleanly(flow);

        assertThat(activities(flow)).containsSubsequence("answerCall", "callConnected", "playGreeting", "greetingPlayed",
                "recognizeMenu", "menuAnswered", "answered", "menuDone", "pickAgent", "transferToAgent", "transferAccepted",
                "leftCall", "transferred");
        assertThat(timesPassed(flow, "recognizeMenu")).isEqualTo(1);
        assertThat(variable(flow, "recognizedChoice")).isEqualTo("sales");
        assertThat(variable(flow, "recognitionType")).isEqualTo("choices");
        assertThat(variable(flow, "agent")).isEqualTo("8:acs:sales-agent");
        assertThat(transferTarget(callConnectionId)).isEqualTo("8:acs:sales-agent");
        assertThat(prompts(callConnectionId)).contains("Thank you for calling Contoso.",
                "For sales, press 1 or say sales. For support, press 2 or say support.");
    }

    @Test
    void sayingSupportTransfersTheCallerToSupport() throws Exception {
        scriptCaller("+14255550112", "say support");
        String flow = call("+14255550112", MENU_LINE);
        String callConnectionId = callConnectionId(flow);
        awaitEndedCleanly(flow);

        assertThat(activities(flow)).containsSubsequence("recognizeMenu", "menuAnswered", "pickAgent", "transferToAgent",
                "transferAccepted", "transferred");
        assertThat(variable(flow, "recognizedChoice")).isEqualTo("support");
        assertThat(variable(flow, "recognizedPhrase")).isEqualTo("support");
        assertThat(transferTarget(callConnectionId)).isEqualTo("8:acs:support-agent");
    }

    @Test
    void aWrongKeyRepeatsTheMenuAndTheNextAnswerCounts() throws Exception {
        scriptCaller("+14255550113", "press 7", "press 2");
        String flow = call("+14255550113", MENU_LINE);
        String callConnectionId = callConnectionId(flow);
        awaitEndedCleanly(flow);

        assertThat(timesPassed(flow, "recognizeMenu")).isEqualTo(2);
        assertThat(activities(flow)).containsSubsequence("recognizeMenu", "notRecognized", "recognizeMenu", "answered",
                "transferred");
        assertThat(transferTarget(callConnectionId)).isEqualTo("8:acs:support-agent");
    }

    @Test
    void noInputOrNoChoiceThreeTimesGoesToTheOperator() throws Exception {
        scriptCaller("+14255550114", "press 9", "silent", "say banana");
        String flow = call("+14255550114", MENU_LINE);
        String callConnectionId = callConnectionId(flow);
        awaitEndedCleanly(flow);

        assertThat(timesPassed(flow, "recognizeMenu")).isEqualTo(3);
        assertThat(timesPassed(flow, "notRecognized")).isEqualTo(3);
        assertThat(variable(flow, "recognizedChoice")).isNull();
        assertThat(variable(flow, "agent")).isEqualTo("8:acs:operator");
        assertThat(transferTarget(callConnectionId)).isEqualTo("8:acs:operator");
        String heard = prompts(callConnectionId);
        assertThat(heard.split("For sales, press 1", -1)).as("the menu, heard three times").hasSize(4);
        assertThat(activities(flow)).endsWith("transferred");
    }

    @Test
    void theCallerHangingUpDuringTheMenuEndsTheFlow() throws Exception {
        scriptCaller("+14255550115", "hang up");
        String flow = call("+14255550115", MENU_LINE);
        String callConnectionId = callConnectionId(flow);
        awaitEndedCleanly(flow);

        assertThat(activities(flow)).contains("recognizeMenu", "callerHungUp", "callerLeft")
                .doesNotContain("pickAgent", "transferToAgent");
        assertThat(emulator.call(callConnectionId).orElseThrow().state()).isEqualTo("disconnected");
    }

    @Test
    void anAgentWhoCannotBeReachedEndsTheCall() throws Exception {
        phoneRule("8:acs:sales-agent", PhoneBehaviour.BUSY);
        scriptCaller("+14255550116", "press 1");
        String flow = call("+14255550116", MENU_LINE);
        String callConnectionId = callConnectionId(flow);
        awaitEndedCleanly(flow);

        assertThat(activities(flow)).containsSubsequence("transferToAgent", "transferFailed", "hangUpNoAgent", "noAgent");
        assertThat(variable(flow, "lastResultCode")).isEqualTo(486);
        assertThat(emulator.call(callConnectionId).orElseThrow().state()).isEqualTo("disconnected");
    }
}
