package com.switchboard.actions;

import com.switchboard.acs.Party;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A BPMN service task that performs one Call Automation action. A subclass declares its {@link ActionSpec} once, as
 * the constant {@code SPEC}, and reads like the step it implements: read inputs, ask ACS, write outputs;
 * {@link ActionContext} is the shared plumbing. The inputs many actions share are declared here.
 */
public abstract class CallAction implements JavaDelegate {

    /** Which call to act on: every action that makes a call stores its id under this name. */
    static final ActionInput<String> CALL_CONNECTION_ID =
            ActionInput.text("callConnectionId").required().preset("${callConnectionId}");
    /** The incoming call, as the flow an IncomingCall event started has it. */
    static final ActionInput<String> INCOMING_CALL_CONTEXT =
            ActionInput.text("incomingCallContext").required().preset("${incomingCallContext}");
    /** The phone number shown to a phone number being called. */
    static final ActionInput<Party> CALLER_ID = ActionInput.callerId("callerId");
    static final ActionInput<String> SOURCE_DISPLAY_NAME = ActionInput.text("sourceDisplayName");
    /** SIP headers for a phone number, VoIP headers for a user. */
    static final ActionInput<Map<String, String>> CUSTOM_HEADERS = ActionInput.headers("customHeaders");
    /** Which recording to act on: Start recording stores its id under this name. */
    static final ActionInput<String> RECORDING_ID =
            ActionInput.text("recordingId").required().preset("${recordingId}");
    /** Where this action's events go instead of Switchboard. */
    static final ActionInput<String> OPERATION_CALLBACK_URL = ActionInput.url("operationCallbackUrl");

    private static final Logger log = LoggerFactory.getLogger(CallAction.class);

    private final ActionSpec spec;

    protected CallAction(ActionSpec spec) {
        this.spec = spec;
    }

    public ActionSpec spec() {
        return spec;
    }

    @Override
    public final void execute(DelegateExecution execution) {
        try (CallLogContext logContext = CallLogContext.of(execution)) {
            perform(new ActionContext(spec, execution));
            logContext.update();
            log.info("{} done in task {}", spec.title(), execution.getCurrentActivityId());
        }
    }

    protected abstract void perform(ActionContext action);
}
