package com.switchboard.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.SwitchboardIntegrationTest;
import com.switchboard.callbacks.CallbackInbox;
import com.switchboard.callbacks.InboxEntry;
import com.switchboard.emulator.AcsEmulator;
import com.switchboard.emulator.delivery.DeliveredEvent;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Every callback is lost here (ACS posts to an address where nothing listens), and a whole outbound call still
 * takes the right branch, step by step: after two seconds without an event Switchboard asks ACS for the call's
 * state and delivers what it proves: the call connected, the participant is in, the call is gone.
 */
@TestPropertySource(properties = {"switchboard.acs.callback-url=http://127.0.0.1:9/api/callbacks",
        "switchboard.callbacks.reconcile.after=2s", "switchboard.callbacks.reconcile.interval=1s"})
class QuietCallsIT extends SwitchboardIntegrationTest {

    @Autowired
    AcsEmulator emulator;
    @Autowired
    CallbackInbox inbox;

    @Test
    void aCallWhoseCallbacksAllGetLostEndsOnTheBranchItTook() {
        ProcessInstance flow = start("outbound-call", Map.of("target", "8:acs:quiet-callee", "participant", "8:acs:quiet-agent"));
        awaitEnded(flow);

        assertThat(activities(flow.getId())).contains("participantAdded", "callCompleted")
                .doesNotContain("participantMissing", "participantTimeout");
        String call = (String) variable(flow, "callConnectionId");
        assertThat(emulator.deliveredEvents()).filteredOn(event -> call.equals(event.callConnectionId()))
                .isNotEmpty().noneMatch(DeliveredEvent::delivered);
        List<InboxEntry> events = inbox.ofCall(call);
        assertThat(events).extracting(InboxEntry::eventName)
                .containsExactly("CallConnected", "AddParticipantSucceeded", "CallDisconnected");
        assertThat(events).allMatch(event -> "RECONCILED".equals(event.origin()));
    }
}
