package com.switchboard.flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.emulator.telephony.PhoneBehaviour;
import org.junit.jupiter.api.Test;

/**
 * processes/press-zero.bpmn on every path: a call to the information line hears a long announcement while the flow
 * listens for keys (continuous DTMF); 0 at any time stops it and transfers the caller to the agent (an event
 * subprocess), another key is ignored, and the announcement played to its end hangs up.
 */
class PressZeroFlowIT extends IncomingFlowSupport {

    static final String INFORMATION_LINE = "+18005550130";
    static final String AGENT = "8:acs:front-desk";

    @Test
    void zeroPressedDuringTheAnnouncementTransfersTheCallerAndAnEarlierKeyIsIgnored() throws Exception {
        String caller = "+14255550131";
        String flow = call(caller, INFORMATION_LINE);
        assertThat(definitionKeyOf(flow)).isEqualTo("press-zero");
        String callConnectionId = callConnectionId(flow);
        awaitActivity(flow, "awaitMessage");

        // Two keys close together: each starts the event subprocess with its own lastTone.
        press(callConnectionId, "4:" + caller, "50");
        awaitEndedCleanly(flow);

        assertThat(activities(flow)).containsSubsequence("listenForKeys", "playMessage", "awaitMessage")
                .contains("keyIgnored", "stopMessage", "transferToAgent", "transferAccepted", "withAgent",
                        "messageStopped", "callEnded", "callOver")
                .doesNotContain("messagePlayed", "hangUp");
        assertThat(timesPassed(flow, "keyReceived")).isEqualTo(2);
        assertThat(timesPassed(flow, "keyIgnored")).isEqualTo(1);
        assertThat(timesPassed(flow, "transferToAgent")).isEqualTo(1);
        assertThat(transferTarget(callConnectionId)).isEqualTo(AGENT);
        assertThat(prompts(callConnectionId)).as("the announcement, cut off").contains("press 0 at any time", "canceled");
    }

    @Test
    void withoutZeroTheAnnouncementPlaysToItsEndAndTheCallIsHungUp() throws Exception {
        String caller = "+14255550132";
        String flow = call(caller, INFORMATION_LINE);
        String callConnectionId = callConnectionId(flow);
        awaitActivity(flow, "awaitMessage");

        press(callConnectionId, "4:" + caller, "7");
        awaitEndedCleanly(flow);

        assertThat(activities(flow)).containsSubsequence("playMessage", "messagePlayed", "hangUp", "callDisconnected",
                "callCompleted").contains("keyReceived", "keyIgnored").doesNotContain("stopMessage", "transferToAgent");
        assertThat(variable(flow, "lastTone")).isEqualTo("7");
    }

    @Test
    void theCallerHangingUpDuringTheAnnouncementEndsTheFlow() throws Exception {
        String caller = "+14255550133";
        String flow = call(caller, INFORMATION_LINE);
        String callConnectionId = callConnectionId(flow);
        awaitActivity(flow, "awaitMessage");

        emulator.hangUpParticipant(callConnectionId, "4:" + caller);
        awaitEndedCleanly(flow);

        assertThat(activities(flow)).contains("callerHungUp", "callerLeft").doesNotContain("keyReceived", "hangUp");
    }

    @Test
    void anAgentWhoCannotBeReachedEndsTheCall() throws Exception {
        phoneRule(AGENT, PhoneBehaviour.BUSY);
        String caller = "+14255550134";
        String flow = call(caller, INFORMATION_LINE);
        String callConnectionId = callConnectionId(flow);
        awaitActivity(flow, "awaitMessage");

        press(callConnectionId, "4:" + caller, "0");
        awaitEndedCleanly(flow);

        assertThat(activities(flow)).contains("stopMessage", "transferToAgent", "transferFailed", "hangUpNoAgent",
                "noAgent", "messageStopped", "callEnded", "callOver");
        assertThat(emulator.call(callConnectionId).orElseThrow().state()).isEqualTo("disconnected");
    }
}
