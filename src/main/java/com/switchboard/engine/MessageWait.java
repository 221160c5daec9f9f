package com.switchboard.engine;

/**
 * An element of a diagram being deployed that waits for a message: what a {@link MessageWaitCheck} looks at.
 *
 * @param kind which sort of element it is
 * @param elementName its name, as the analyst wrote it in Modeler, or null
 * @param elementId its id
 * @param messageName the name of the {@code bpmn:message} it refers to (its {@code messageRef} resolved), as written:
 *                    an expression is not evaluated
 * @param messageNameIsExpression whether that name holds an expression ({@code ${...}}, {@code #{...}}), which the
 *                                engine evaluates only when the flow gets there
 */
public record MessageWait(Kind kind, String elementName, String elementId, String messageName,
                          boolean messageNameIsExpression) {

    /** The elements that make a flow wait for a message of their own (an event-based gateway waits through its catch events). */
    public enum Kind {
        /** An intermediate message catch event, on its own or after an event-based gateway. */
        MESSAGE_CATCH_EVENT,
        /** A receive task with a message. */
        RECEIVE_TASK,
        /** A message boundary event. */
        BOUNDARY_EVENT,
        /** The message start event of an event subprocess. */
        EVENT_SUBPROCESS_START
    }
}
