package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import org.springframework.stereotype.Component;

/** Resume recording ({@code ${resumeRecording}}): records again after a pause; RecordingStateChanged (active) follows. */
@Component("resumeRecording")
class ResumeRecordingAction extends CallAction {

    static final ActionSpec SPEC = ActionSpec.of("resumeRecording", "Resume recording")
            .inputs(RECORDING_ID)
            .then("RecordingStateChanged");

    private final CallAutomationGateway acs;

    ResumeRecordingAction(CallAutomationGateway acs) {
        super(SPEC);
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        acs.resumeRecording(action.get(RECORDING_ID), action.requestKey());
    }
}
