package com.switchboard.engine;

/**
 * Looks at every service task of a diagram being deployed, before the engine builds it; a bean of this type is found
 * by {@link ParseHooks}. Throwing {@link org.camunda.bpm.engine.ProcessEngineException} refuses the deployment with
 * that message, as a parse error of the task's element (the REST API answers 400, naming resource, line and element).
 */
public interface ServiceTaskCheck {

    void check(BpmnElement serviceTask);
}
