package com.switchboard.actions;

import com.switchboard.engine.BpmnElement;
import com.switchboard.engine.ServiceTaskCheck;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Refuses a diagram, when it is deployed, whose call action tasks could not work: a task that is not
 * asynchronous before (an ACS error would roll back the step before it, with no incident to retry), that lacks an
 * input its action requires, or that maps an input its action does not read (a misspelt name would otherwise be
 * ignored). The inputs are those of the action's {@link ActionSpec}. Likewise a start-variable check that is asynchronous (a bad start
 * variable would no longer refuse the start), names no variable, or has a rule it cannot read. The message names
 * the task and the field, so the analyst knows what to fix in Modeler.
 */
@Component
class CallActionTaskValidator implements ServiceTaskCheck {

    /** {@code ${bean}} or {@code #{bean}}: the engine evaluates both spellings alike. */
    private static final Pattern BEAN_EXPRESSION = Pattern.compile("[$#]\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");

    private final ObjectProvider<Map<String, CallAction>> actions;

    CallActionTaskValidator(ObjectProvider<Map<String, CallAction>> actions) {
        this.actions = actions;
    }

    @Override
    public void check(BpmnElement serviceTask) {
        validate(serviceTask);
    }

    private void validate(BpmnElement task) {
        String expression = task.camundaAttribute("delegateExpression");
        Matcher bean = expression == null ? null : BEAN_EXPRESSION.matcher(expression);
        if (bean == null || !bean.matches()) {
            return;
        }
        String name = task.attribute("name") != null ? task.attribute("name") : task.attribute("id");
        if (StartVariablesCheck.BEAN.equals(bean.group(1))) {
            validateStartCheck(task, name);
            return;
        }
        CallAction action = actions.getObject().get(bean.group(1));
        if (action == null) {
            return;
        }
        if (!"true".equals(task.camundaAttribute("asyncBefore"))) {
            throw new ProcessEngineException("Task \"" + name + "\" (" + task.attribute("id") + ") performs the call action "
                    + expression + " and must be asynchronous before (camunda:asyncBefore=\"true\"; the element "
                    + "template sets it), so that an ACS error becomes a retry and an incident");
        }
        ActionSpec spec = action.spec();
        Set<String> mapped = mappedInputs(task);
        Set<String> unknown = new TreeSet<>(mapped);
        spec.inputs().forEach(input -> unknown.remove(input.name()));
        if (!unknown.isEmpty()) {
            throw new ProcessEngineException("Task \"" + name + "\" (" + task.attribute("id") + ") performs the call action "
                    + expression + " but has the input " + String.join(", ", unknown.stream().map(m -> "\"" + m + "\"").toList())
                    + ", which " + spec.title() + " does not read; its inputs are "
                    + String.join(", ", spec.inputs().stream().map(ActionInput::name).toList())
                    + ". Re-apply the element template in Camunda Modeler, or rename the input");
        }
        Set<String> missing = new TreeSet<>(spec.requiredInputs());
        missing.removeAll(mapped);
        if (!missing.isEmpty()) {
            throw new ProcessEngineException("Task \"" + name + "\" (" + task.attribute("id") + ") performs the call action "
                    + expression + " but has no input " + String.join(", ", missing.stream().map(m -> "\"" + m + "\"").toList())
                    + ": set " + (missing.size() == 1 ? "it" : "them") + " in the task's form in Camunda Modeler");
        }
    }

    private static void validateStartCheck(BpmnElement task, String name) {
        String what = "Task \"" + name + "\" (" + task.attribute("id") + ") checks the start variables";
        if ("true".equals(task.camundaAttribute("asyncBefore"))) {
            throw new ProcessEngineException(what + " and must not be asynchronous before: only a synchronous check "
                    + "refuses a bad start, before anyone is called");
        }
        List<BpmnElement> inputs = task.camundaInputParameters();
        if (inputs.isEmpty()) {
            throw new ProcessEngineException(what + " but names none: add an input per start variable, named after it, "
                    + "saying what it must be (" + StartVariableRule.FORMS + ")");
        }
        for (BpmnElement input : inputs) {
            String variable = input.attribute("name");
            String rule = input.text() == null ? "" : input.text();
            if (input.hasChildElements() || rule.contains("${") || rule.contains("#{")) {
                throw new ProcessEngineException(what + ": the rule for start variable \"" + variable + "\" must be "
                        + "plain text (" + StartVariableRule.FORMS + ")");
            }
            try {
                StartVariableRule.parse(variable, rule);
            } catch (IllegalArgumentException e) {
                throw new ProcessEngineException(what + ": start variable \"" + variable + "\": " + e.getMessage());
            }
        }
    }

    private static Set<String> mappedInputs(BpmnElement task) {
        Set<String> names = new TreeSet<>();
        task.camundaInputParameters().forEach(input -> names.add(input.attribute("name")));
        return names;
    }
}
