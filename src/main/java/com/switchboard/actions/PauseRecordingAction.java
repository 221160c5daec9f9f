package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import org.springframework.stereotype.Component;

/** Pause recording ({@code ${pauseRecording}}): pauses the call's recording; RecordingStateChanged (inactive) follows. */
@Component("pauseRecording")
class PauseRecordingAction extends CallAction {

    static final ActionSpec SPEC = ActionSpec.of("pauseRecording", "Pause recording")
            .inputs(RECORDING_ID)
            .then("RecordingStateChanged");

    private final CallAutomationGateway acs;

    PauseRecordingAction(CallAutomationGateway acs) {
        super(SPEC);
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        acs.pauseRecording(action.get(RECORDING_ID), action.requestKey());
    }
}
