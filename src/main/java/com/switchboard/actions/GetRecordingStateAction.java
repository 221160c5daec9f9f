package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import org.springframework.stereotype.Component;

/** Get recording state ({@code ${getRecordingState}}): whether the recording is active or inactive now. */
@Component("getRecordingState")
class GetRecordingStateAction extends CallAction {

    static final ActionSpec SPEC = ActionSpec.of("getRecordingState", "Get recording state")
            .inputs(RECORDING_ID)
            .outputs("recordingState");

    private final CallAutomationGateway acs;

    GetRecordingStateAction(CallAutomationGateway acs) {
        super(SPEC);
        this.acs = acs;
    }

    @Override
    protected void perform(ActionContext action) {
        action.output("recordingState", acs.recordingState(action.get(RECORDING_ID)).recordingState());
    }
}
