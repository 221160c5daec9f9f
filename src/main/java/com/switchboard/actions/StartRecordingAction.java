package com.switchboard.actions;

import com.switchboard.acs.CallAutomationGateway;
import com.switchboard.acs.RecordingInfo;
import com.switchboard.acs.StartRecordingRequest;
import com.switchboard.callbacks.CallOwner;
import com.switchboard.callbacks.CallbackUrls;
import com.switchboard.correlation.CallOwnership;
import org.springframework.stereotype.Component;

/**
 * Start recording ({@code ${startRecording}}): records the call. RecordingStateChanged goes to the call's own signed
 * callback URL, so it is authenticated and reaches the call's flow like every other event of the call.
 */
@Component("startRecording")
class StartRecordingAction extends CallAction {

    static final ActionInput<String> SERVER_CALL_ID = ActionInput.text("serverCallId");
    static final ActionInput<String> CONTENT = ActionInput.choice("content", "audio", "audioVideo");
    static final ActionInput<String> CHANNEL = ActionInput.choice("channel", "mixed", "unmixed");
    static final ActionInput<String> FORMAT = ActionInput.choice("format", "wav", "mp3", "mp4");
    static final ActionInput<Boolean> PAUSE_ON_START = ActionInput.flag("pauseOnStart", false);

    static final ActionSpec SPEC = ActionSpec.of("startRecording", "Start recording")
            .inputs(CALL_CONNECTION_ID, SERVER_CALL_ID, CONTENT, CHANNEL, FORMAT, PAUSE_ON_START)
            .outputs("recordingId", "recordingState")
            .then("RecordingStateChanged", "StartRecordingFailed");

    private final CallAutomationGateway acs;
    private final CallOwnership ownership;
    private final CallbackUrls callbacks;

    StartRecordingAction(CallAutomationGateway acs, CallOwnership ownership, CallbackUrls callbacks) {
        super(SPEC);
        this.acs = acs;
        this.ownership = ownership;
        this.callbacks = callbacks;
    }

    @Override
    protected void perform(ActionContext action) {
        String callConnectionId = action.get(CALL_CONNECTION_ID);
        CallOwner owner = ownership.ownerOf(callConnectionId);
        if (owner == null || owner.callbackKey() == null) {
            throw action.invalid(CALL_CONNECTION_ID.name(), "'" + callConnectionId
                    + "' is not a call a Switchboard flow created, answered or connected, so its recording's events"
                    + " would have nowhere to go");
        }
        String callbackUrl = callbacks.forCall(owner.flow(), owner.callbackKey()).url();
        RecordingInfo recording = acs.startRecording(new StartRecordingRequest(callConnectionId,
                action.get(SERVER_CALL_ID), action.get(CONTENT), action.get(CHANNEL), action.get(FORMAT),
                action.get(PAUSE_ON_START), callbackUrl), action.requestKey());
        // RecordingStateChanged can be correlated before this step commits (the step then runs again, and ACS answers
        // the repeated request as it answered the first): the state that event wrote for this recording is newer
        // than the one in the answer to the start.
        boolean stateKnown = recording.recordingId() != null
                && recording.recordingId().equals(action.currentOutput("recordingId"))
                && action.currentOutput("recordingState") != null;
        action.output("recordingId", recording.recordingId());
        if (!stateKnown) {
            action.output("recordingState", recording.recordingState());
        }
    }
}
