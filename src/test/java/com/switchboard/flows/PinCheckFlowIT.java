package com.switchboard.flows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * processes/pin-check.bpmn on every path: a call to the PIN line is asked for a 4-digit PIN ended by #, checked by
 * pin-check.dmn, three tries at most, then a goodbye and the call hung up; the caller hanging up while asked ends it.
 */
class PinCheckFlowIT extends IncomingFlowSupport {

    static final String PIN_LINE = "+18005550120";
    /** pin-check.dmn knows this caller's PIN, 1234. */
    static final String ADA = "+14255550123";

    @Test
    void theRightPinAtTheFirstTry() throws Exception {
        scriptCaller(ADA, "press 1234#");
        String flow = call(ADA, PIN_LINE);
        assertThat(definitionKeyOf(flow)).isEqualTo("pin-check");
        String callConnectionId = callConnectionId(flow);
        awaitEndedCleanly(flow);

        assertThat(activities(flow)).containsSubsequence("answerCall", "callConnected", "collectPin", "pinEntered",
                "checkPin", "pinChecked", "pinRight", "sayAccepted", "goodbyePlayed", "hangUp", "callDisconnected",
                "callEnded");
        assertThat(timesPassed(flow, "collectPin")).isEqualTo(1);
        assertThat(variable(flow, "recognizedTones")).isEqualTo("1234");
        assertThat(variable(flow, "pinValid")).isEqualTo(true);
        assertThat(emulator.call(callConnectionId).orElseThrow().state()).isEqualTo("disconnected");
        assertThat(prompts(callConnectionId)).contains("Please enter your four-digit PIN", "Thank you, your PIN is right.")
                .doesNotContain("that was the last try");
    }

    @Test
    void aWrongPinIsAskedForAgainAndTheRightOneAtTheSecondTryCounts() throws Exception {
        scriptCaller(ADA, "press 1111#", "press 1234#");
        String flow = call(ADA, PIN_LINE);
        awaitEndedCleanly(flow);

        assertThat(timesPassed(flow, "collectPin")).isEqualTo(2);
        assertThat(timesPassed(flow, "checkPin")).isEqualTo(2);
        assertThat(activities(flow)).contains("sayAccepted").doesNotContain("sayRefused");
        assertThat(variable(flow, "pinValid")).isEqualTo(true);
    }

    @Test
    void threeTriesWithoutTheRightPinEndWithAGoodbye() throws Exception {
        scriptCaller(ADA, "press 99#", "silent", "press 4321#");
        String flow = call(ADA, PIN_LINE);
        awaitEndedCleanly(flow);

        assertThat(timesPassed(flow, "collectPin")).isEqualTo(3);
        assertThat(timesPassed(flow, "pinEntered")).isEqualTo(2);
        assertThat(timesPassed(flow, "pinMissing")).as("the silent try").isEqualTo(1);
        assertThat(activities(flow)).containsSubsequence("pinRight", "sayRefused", "goodbyePlayed", "hangUp", "callEnded")
                .doesNotContain("sayAccepted");
        assertThat(variable(flow, "pinValid")).isEqualTo(false);
    }

    @Test
    void aCallerWithoutAPinIsNeverLetIn() throws Exception {
        scriptCaller("+14255550125", "press 1234#", "press 1234#", "press 1234#");
        String flow = call("+14255550125", PIN_LINE);
        awaitEndedCleanly(flow);

        assertThat(timesPassed(flow, "collectPin")).isEqualTo(3);
        assertThat(activities(flow)).contains("sayRefused");
    }

    @Test
    void theCallerHangingUpWhileAskedForThePinEndsTheFlow() throws Exception {
        scriptCaller(ADA, "hang up");
        String flow = call(ADA, PIN_LINE);
        String callConnectionId = callConnectionId(flow);
        awaitEndedCleanly(flow);

        assertThat(activities(flow)).contains("collectPin", "callerHungUp", "callerLeft")
                .doesNotContain("pinRight", "hangUp");
        assertThat(emulator.call(callConnectionId).orElseThrow().state()).isEqualTo("disconnected");
    }
}
