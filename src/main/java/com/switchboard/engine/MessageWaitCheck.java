package com.switchboard.engine;

/**
 * Looks at every element of a diagram being deployed that waits for a message (a {@link MessageWait}: message catch
 * events, receive tasks with a message, message boundary events, message starts of event subprocesses), as the engine
 * parses it; a bean of this type is found by {@link ParseHooks}. Throwing
 * {@link org.camunda.bpm.engine.ProcessEngineException} refuses the deployment with that message, as a parse error of
 * the element (the REST API answers 400, naming resource, line and element).
 */
public interface MessageWaitCheck {

    void check(MessageWait wait);
}
