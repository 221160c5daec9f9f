package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import org.springframework.stereotype.Component;

/** Stop recording ({@code ${stopRecording}}): ends the recording for good; RecordingStateChanged (inactive) follows. */
@Component("stopRecording")
class StopRecordingAction extends CallAction {

    static final ActionSpec SPEC = ActionSpec.of("stopRecording", "Stop recording")
            .inputs(RECORDING_ID)
            .then("RecordingStateChanged");

    private final CallAutomationGateway acs;

    StopRecordingAction(CallAutomationGateway acs) {
        super(SPEC);
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        acs.stopRecording(action.get(RECORDING_ID), action.requestKey());
    }
}
