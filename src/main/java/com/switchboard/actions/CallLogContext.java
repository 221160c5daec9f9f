package com.switchboard.actions;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.MDC;

/**
 * Puts the call's ids on every log line an action writes: call connection, flow (process instance) and ACS
 * correlation id. Closing it restores what the thread had before, for the job that runs next.
 */
final class CallLogContext implements AutoCloseable {

    private static final String[] KEYS = {"callConnectionId", "processInstanceId", "correlationId"};

    private final DelegateExecution execution;
    private final Map<String, String> previous = new HashMap<>();

    private CallLogContext(DelegateExecution execution) {
        this.execution = execution;
        for (String key : KEYS) {
            previous.put(key, MDC.get(key));
        }
        update();
    }

    static CallLogContext of(DelegateExecution execution) {
        return new CallLogContext(execution);
    }

    /** Takes up ids the action has just learned (Create call learns its call connection id). */
    void update() {
        for (String key : KEYS) {
            Object value = key.equals("processInstanceId") ? execution.getProcessInstanceId() : execution.getVariable(key);
            if (value != null) {
                MDC.put(key, value.toString());
            }
        }
    }

    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }
}
