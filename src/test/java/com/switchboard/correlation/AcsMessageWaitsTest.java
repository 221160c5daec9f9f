package com.switchboard.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.switchboard.engine.MessageWait;
import com.switchboard.engine.MessageWait.Kind;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;

class AcsMessageWaitsTest {

    private final AcsMessageWaits check = new AcsMessageWaits();

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(ClosestName.distance("callconected", "callconnected")).isEqualTo(1);
        assertThat(ClosestName.distance("calldisconnectd", "calldisconnected")).isEqualTo(1);
        assertThat(ClosestName.distance("playcompletde", "playcompleted")).isEqualTo(2);
        assertThat(ClosestName.distance("", "abc")).isEqualTo(3);
        assertThat(ClosestName.distance("abc", "abc")).isZero();
    }

    @Test
    void aNearNameIsSuggestedIgnoringCase() {
        assertThat(AcsMessageWaits.suggestion("CallConected")).contains("CallConnected");
        assertThat(AcsMessageWaits.suggestion("callconnected")).contains("CallConnected");
        assertThat(AcsMessageWaits.suggestion("CALLDISCONNECTED")).contains("CallDisconnected");
        assertThat(AcsMessageWaits.suggestion("AddParticpantFailed")).contains("AddParticipantFailed");
        assertThat(AcsMessageWaits.suggestion("CallConnected ")).contains("CallConnected");
        assertThat(AcsMessageWaits.suggestion("RecognizeCancelled")).contains("RecognizeCanceled");
    }

    @Test
    void theEventGridTypeAndAMiscasedOwnPrefixAreSuggestedAsTheyShouldBeWritten() {
        assertThat(AcsMessageWaits.suggestion("Microsoft.Communication.CallConnected")).contains("CallConnected");
        assertThat(AcsMessageWaits.suggestion("Flow:Escalate")).contains("flow:Escalate");
    }

    @Test
    void aFarNameSuggestsNothing() {
        assertThat(AcsMessageWaits.suggestion("Escalate")).isEmpty();
        assertThat(AcsMessageWaits.suggestion("CustomerHungUp")).isEmpty();
        assertThat(AcsMessageWaits.suggestion("IncomingCall")).isEmpty();
    }

    @Test
    void aTypoIsRefusedNamingTheElementAndTheEventMeant() {
        assertThatThrownBy(() -> check.check(wait(Kind.MESSAGE_CATCH_EVENT, "Wait for the answer", "CallConected", false)))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageStartingWith("Message event \"Wait for the answer\" (awaitAnswer) waits for the message "
                        + "\"CallConected\", which is no ACS Call Automation event: did you mean CallConnected? ")
                .hasMessageContaining("\"flow:\"");
    }

    @Test
    void aFarNamePointsToTheList() {
        assertThatThrownBy(() -> check.check(wait(Kind.RECEIVE_TASK, null, "Escalate", false)))
                .hasMessageStartingWith("Receive task awaitAnswer waits for the message \"Escalate\", which is no ACS "
                        + "Call Automation event (see the list in the README");
    }

    @Test
    void anExpressionIsRefusedUnlessTheMessageIsTheFlowsOwn() {
        assertThatThrownBy(() -> check.check(wait(Kind.BOUNDARY_EVENT, "Result", "${expected}", true)))
                .hasMessageStartingWith("Boundary event \"Result\" (awaitAnswer) waits for the message \"${expected}\", "
                        + "whose name is an expression");
        assertThatCode(() -> check.check(wait(Kind.BOUNDARY_EVENT, "Result", "flow:${step}", true))).doesNotThrowAnyException();
    }

    @Test
    void acsEventsAndTheFlowsOwnMessagesPass() {
        assertThatCode(() -> check.check(wait(Kind.EVENT_SUBPROCESS_START, "Hung up", "CallDisconnected", false)))
                .doesNotThrowAnyException();
        assertThatCode(() -> check.check(wait(Kind.MESSAGE_CATCH_EVENT, "Escalated", "flow:Escalate", false)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> check.check(wait(Kind.MESSAGE_CATCH_EVENT, "Escalated", "flow:", false)))
                .hasMessageContaining("which is no ACS Call Automation event");
    }

    private static MessageWait wait(Kind kind, String name, String message, boolean expression) {
        return new MessageWait(kind, name, "awaitAnswer", message, expression);
    }
}
