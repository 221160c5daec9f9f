package com.switchboard.actions;

import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Refuses a diagram, when it is deployed, whose call action tasks could not work: a task that is not
 * asynchronous before (an ACS error would roll back the step before it, with no incident to retry), or
 * that lacks an input its action requires. The message names the task and the field, so the analyst
 * knows what to fix in Modeler.
 */
@Component
class CallActionTaskValidator extends AbstractProcessEnginePlugin {

    /** {@code ${bean}} or {@code #{bean}}: the engine evaluates both spellings alike. */
    private static final Pattern BEAN_EXPRESSION = Pattern.compile("[$#]\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");

    private final ObjectProvider<Map<String, CallAction>> actions;

    CallActionTaskValidator(ObjectProvider<Map<String, CallAction>> actions) {
        this.actions = actions;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreBPMNParseListeners() == null) {
            configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPreBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                validate(element);
            }
        });
    }

    private void validate(Element task) {
        String expression = task.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "delegateExpression");
        Matcher bean = expression == null ? null : BEAN_EXPRESSION.matcher(expression);
        if (bean == null || !bean.matches()) {
            return;
        }
        CallAction action = actions.getObject().get(bean.group(1));
        if (action == null) {
            return;
        }
        String name = task.attribute("name") != null ? task.attribute("name") : task.attribute("id");
        if (!"true".equals(task.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "asyncBefore"))) {
            throw new ProcessEngineException("Task \"" + name + "\" (" + task.attribute("id") + ") performs the call action "
                    + expression + " and must be asynchronous before (camunda:asyncBefore=\"true\"; the element "
                    + "template sets it), so that an ACS error becomes a retry and an incident");
        }
        Set<String> missing = new TreeSet<>(action.requiredInputs());
        missing.removeAll(mappedInputs(task));
        if (!missing.isEmpty()) {
            throw new ProcessEngineException("Task \"" + name + "\" (" + task.attribute("id") + ") performs the call action "
                    + expression + " but has no input " + String.join(", ", missing.stream().map(m -> "\"" + m + "\"").toList())
                    + ": set " + (missing.size() == 1 ? "it" : "them") + " in the task's form in Camunda Modeler");
        }
    }

    private static Set<String> mappedInputs(Element task) {
        Set<String> names = new TreeSet<>();
        Element extensions = task.element("extensionElements");
        Element inputOutput = extensions == null ? null : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "inputOutput");
        if (inputOutput != null) {
            for (Element input : inputOutput.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "inputParameter")) {
                names.add(input.attribute("name"));
            }
        }
        return names;
    }
}
