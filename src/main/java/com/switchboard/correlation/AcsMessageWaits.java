package com.switchboard.correlation;

import com.switchboard.callbacks.AcsEventNames;
import com.switchboard.engine.MessageWait;
import com.switchboard.engine.MessageWaitCheck;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.stereotype.Component;

/**
 * Refuses a diagram, when it is deployed, that waits for a message no event can ever be: correlation delivers an ACS
 * callback as the BPMN message named after its type, so a wait whose message is not an ACS Call Automation event
 * (a typo: {@code CallConected}) would wait forever. A flow may wait for messages of its own (another flow or a
 * client correlates them): their names start with {@value #OWN_PREFIX}, which no ACS event type has. A name with an
 * expression cannot be checked before the flow runs, so it is refused unless it is the flow's own. The refusal names
 * the element and, when one is near, the event the analyst most likely meant.
 */
@Component
class AcsMessageWaits implements MessageWaitCheck {

    /** How a flow's own message is named: {@code flow:Escalate}. */
    static final String OWN_PREFIX = "flow:";

    private static final String ACS_TYPE_PREFIX = "Microsoft.Communication.";

    private static final String HOW_TO_NAME = "A flow waits for an ACS event under its exact name (pick it from the "
            + "message drop-down in Camunda Modeler; the starter diagram starter/call-flow.bpmn declares them all); "
            + "a message of the flow's own, not from ACS, is named with the prefix \"" + OWN_PREFIX
            + "\", like \"" + OWN_PREFIX + "Escalate\"";

    @Override
    public void check(MessageWait wait) {
        String name = wait.messageName();
        if (isOwn(name)) {
            return;
        }
        String waits = what(wait) + " waits for the message \"" + name + "\"";
        if (wait.messageNameIsExpression()) {
            throw new ProcessEngineException(waits + ", whose name is an expression: which ACS event it waits for "
                    + "cannot be checked when it is deployed. Name the event itself (one catch event per event, behind "
                    + "an event-based gateway when it may be one of several), or, for a message of the flow's own, "
                    + "start the name with \"" + OWN_PREFIX + "\"");
        }
        if (AcsEventNames.isEvent(name)) {
            return;
        }
        throw new ProcessEngineException(waits + ", which is no ACS Call Automation event"
                + suggestion(name).map(meant -> ": did you mean " + meant + "? ")
                        .orElse(" (see the list in the README, \"Building flows in Camunda Modeler\"). ")
                + HOW_TO_NAME);
    }

    static boolean isOwn(String messageName) {
        return messageName.startsWith(OWN_PREFIX) && messageName.length() > OWN_PREFIX.length();
    }

    /** The name the analyst most likely meant, if one is near enough to say so. */
    static Optional<String> suggestion(String messageName) {
        String typed = messageName.strip();
        if (typed.startsWith(ACS_TYPE_PREFIX) && AcsEventNames.isEvent(typed.substring(ACS_TYPE_PREFIX.length()))) {
            return Optional.of(typed.substring(ACS_TYPE_PREFIX.length()));
        }
        if (typed.toLowerCase(Locale.ROOT).startsWith(OWN_PREFIX) && typed.length() > OWN_PREFIX.length()) {
            return Optional.of(OWN_PREFIX + typed.substring(OWN_PREFIX.length()));
        }
        return ClosestName.among(AcsEventNames.all(), typed);
    }

    private static String what(MessageWait wait) {
        String kind = switch (wait.kind()) {
            case MESSAGE_CATCH_EVENT -> "Message event";
            case RECEIVE_TASK -> "Receive task";
            case BOUNDARY_EVENT -> "Boundary event";
            case EVENT_SUBPROCESS_START -> "Event subprocess start";
        };
        String elementName = wait.elementName();
        return elementName == null || elementName.isBlank() ? kind + " " + wait.elementId()
                : kind + " \"" + elementName + "\" (" + wait.elementId() + ")";
    }
}
