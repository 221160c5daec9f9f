package com.switchboard.engine;

import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.util.xml.Element;

/** An element of a diagram being deployed, as the engine's parser read it: what a {@link ServiceTaskCheck} looks at. */
public final class BpmnElement {

    private final Element element;

    BpmnElement(Element element) {
        this.element = element;
    }

    /** A BPMN attribute ({@code id}, {@code name}), or null. */
    public String attribute(String name) {
        return element.attribute(name);
    }

    /** A Camunda extension attribute ({@code camunda:delegateExpression}, {@code camunda:asyncBefore}), or null. */
    public String camundaAttribute(String name) {
        return element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, name);
    }

    /** The element's {@code camunda:inputParameter}s (under {@code extensionElements/camunda:inputOutput}), in order. */
    public List<BpmnElement> camundaInputParameters() {
        Element extensions = element.element("extensionElements");
        Element inputOutput = extensions == null ? null : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "inputOutput");
        return inputOutput == null ? List.of()
                : inputOutput.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "inputParameter").stream()
                        .map(BpmnElement::new).toList();
    }

    /** The element's text, or null. */
    public String text() {
        return element.getText();
    }

    /** Whether it has elements inside (an input parameter given as a script, a list or a map). */
    public boolean hasChildElements() {
        return !element.elements().isEmpty();
    }
}
