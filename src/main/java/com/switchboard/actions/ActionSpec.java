package com.switchboard.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a call action is, written once in its class: its delegate bean, its title, its inputs, the process variables it
 * writes and the ACS events (BPMN messages) a flow waits for after it. The deploy-time check
 * ({@link CallActionTaskValidator}), the reading of inputs ({@link ActionContext}), the element template test and the
 * README's table of actions all read it.
 *
 * @param bean     the delegate's bean name, used as {@code ${bean}} and as the template's file name
 * @param title    the action as an analyst names it ("Add participant")
 * @param inputs   the task's input parameters
 * @param outputs  the process variables it writes
 * @param messages the events that may follow it, in the order a flow usually handles them
 */
public record ActionSpec(String bean, String title, List<ActionInput<?>> inputs, List<String> outputs,
                         List<String> messages) {

    public ActionSpec {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        messages = List.copyOf(messages);
        Set<String> names = new TreeSet<>();
        for (ActionInput<?> input : inputs) {
            if (!names.add(input.name())) {
                throw new IllegalArgumentException(bean + " declares the input " + input.name() + " twice");
            }
        }
    }

    /** An action with no inputs, outputs or events yet; add them with the with-methods. */
    public static ActionSpec of(String bean, String title) {
        return new ActionSpec(bean, title, List.of(), List.of(), List.of());
    }

    public ActionSpec inputs(ActionInput<?>... more) {
        return new ActionSpec(bean, title, concat(inputs, more), outputs, messages);
    }

    public ActionSpec outputs(String... more) {
        return new ActionSpec(bean, title, inputs, concat(outputs, more), messages);
    }

    /** The events a flow may wait for after this action. */
    public ActionSpec then(String... more) {
        return new ActionSpec(bean, title, inputs, outputs, concat(messages, more));
    }

    public Set<String> requiredInputs() {
        Set<String> required = new TreeSet<>();
        inputs.stream().filter(ActionInput::isRequired).forEach(input -> required.add(input.name()));
        return required;
    }

    public Optional<ActionInput<?>> input(String name) {
        return inputs.stream().filter(input -> input.name().equals(name)).findFirst();
    }

    public boolean declares(ActionInput<?> input) {
        return inputs.contains(input);
    }

    private static <T> List<T> concat(List<T> first, T[] second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(Stream.of(second).toList());
        return all;
    }
}
