package com.switchboard.actions;

/**
 * An input of a call action that is missing or wrong. Its message names the BPMN task and the input field,
 * in words an analyst understands; it becomes the Cockpit incident's message.
 */
public class ActionInputException extends RuntimeException {

    public ActionInputException(String message) {
        super(message);
    }
}
