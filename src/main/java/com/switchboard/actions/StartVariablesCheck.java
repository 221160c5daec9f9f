package com.switchboard.actions;

import com.switchboard.acs.Party;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.springframework.stereotype.Component;

/**
 * Check the start variables ({@code ${checkStartVariables}}): the first task of a flow that is started with
 * variables, synchronous, so that a missing or wrong one refuses the start itself, before anyone is called. Each
 * input of the task is named after a start variable and says what it must be ({@link StartVariableRule}: {@code
 * party}, {@code optional duration}, ...).
 *
 * <p>A bad value throws a {@link BadUserRequestException} naming the variable and what is wrong, every bad one at once,
 * e.g. {@code Start variable "target": '+1 425' is neither a phone number in international format (like
 * +14255550123) nor a user id (like 8:acs:...)}. The start's transaction rolls back: no flow, no call; over the
 * engine REST API the start answers 400 (engine/EngineRestConfiguration).
 */
@Component(StartVariablesCheck.BEAN)
class StartVariablesCheck implements JavaDelegate {

    static final String BEAN = "checkStartVariables";

    @Override
    public void execute(DelegateExecution execution) {
        List<StartVariableRule> rules = rules(execution.getBpmnModelElementInstance(), execution.getCurrentActivityId());
        // The inputs are named after the start variables, so the task's own scope has the rules under those names;
        // the values are the flow's.
        DelegateExecution flow = execution.getProcessInstance();
        Inputs values = new Inputs(flow::getVariable,
                (name, problem) -> new BadUserRequestException("Start variable \"" + name + "\": " + problem));
        List<Party> called = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (StartVariableRule rule : rules) {
            try {
                rule.check(values, called);
            } catch (BadUserRequestException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new BadUserRequestException(String.join("; ", problems));
        }
        // A declared variable the starter left out is still declared: tasks that map it (${callerId}) read it as
        // empty, where the expression would otherwise fail on an unknown name.
        for (StartVariableRule rule : rules) {
            if (!flow.hasVariable(rule.variable())) {
                flow.setVariable(rule.variable(), null);
            }
        }
    }

    /** The task's rules, those that depend on the called parties last. */
    static List<StartVariableRule> rules(BaseElement task, String taskId) {
        List<StartVariableRule> rules = new ArrayList<>();
        for (CamundaInputParameter input : inputs(task)) {
            try {
                rules.add(StartVariableRule.parse(input.getCamundaName(), input.getTextContent()));
            } catch (IllegalArgumentException e) {
                throw new ProcessEngineException("Task " + taskId + ", start variable \"" + input.getCamundaName()
                        + "\": " + e.getMessage());
            }
        }
        rules.sort(Comparator.comparing(StartVariableRule::dependsOnParties));
        return rules;
    }

    private static List<CamundaInputParameter> inputs(BaseElement task) {
        ExtensionElements extensions = task == null ? null : task.getExtensionElements();
        if (extensions == null) {
            return List.of();
        }
        List<CamundaInputParameter> inputs = new ArrayList<>();
        extensions.getElementsQuery().filterByType(CamundaInputOutput.class).list()
                .forEach(inputOutput -> inputs.addAll(inputOutput.getCamundaInputParameters()));
        return inputs;
    }
}
