package com.switchboard.incoming;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/**
 * Picks the flow an incoming call starts with the analysts' DMN decision (processes/incoming-call-routing.dmn).
 * The decision sees {@code to}, {@code from}, {@code callerDisplayName}, {@code hourOfDay} (0..23) and
 * {@code dayOfWeek} (MONDAY..SUNDAY) in the configured time zone. Its first output, {@code flow}, is the
 * process key; its other outputs become variables of the started flow. No matching rule: the default flow.
 */
@Component
class IncomingCallRouter {

    /** Where a call goes: the process to start and the decision's other outputs. */
    record Route(String flow, Map<String, Object> variables) {
    }

    private final DecisionService decisions;
    private final IncomingCallsProperties properties;
    private final Clock clock;

    IncomingCallRouter(DecisionService decisions, IncomingCallsProperties properties, Clock clock) {
        this.decisions = decisions;
        this.properties = properties;
        this.clock = clock;
    }

    Route route(IncomingCall call) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(properties.timeZone()));
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("to", call.to());
        inputs.put("from", call.from());
        inputs.put("callerDisplayName", call.callerDisplayName());
        inputs.put("hourOfDay", now.getHour());
        inputs.put("dayOfWeek", now.getDayOfWeek().name());
        DmnDecisionResult result = decisions.evaluateDecisionByKey(properties.routingDecision()).variables(inputs).evaluate();
        if (result.isEmpty() || result.getFirstResult().getEntry("flow") == null) {
            return new Route(properties.defaultFlow(), Map.of());
        }
        Map<String, Object> outputs = new HashMap<>(result.getFirstResult().getEntryMap());
        String flow = String.valueOf(outputs.remove("flow"));
        outputs.values().removeIf(java.util.Objects::isNull);
        return new Route(flow, outputs);
    }
}
