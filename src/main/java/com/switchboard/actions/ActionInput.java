package com.switchboard.actions;

import com.switchboard.acs.Party;
import com.switchboard.acs.PlaySource;
import com.switchboard.acs.RecognizeChoice;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One input of a call action: its name (the task's {@code camunda:inputParameter} and the template field's binding),
 * whether it is required, its kind, and what the template fills in by default. An action declares its inputs once,
 * as constants in its class, lists them in its {@link ActionSpec}, and reads each with
 * {@link ActionContext#get(ActionInput)}; the deploy-time check and the template test read the same constants.
 *
 * @param <T> what reading it gives the action
 */
public final class ActionInput<T> {

    private final String name;
    private final InputKind kind;
    private final Class<T> type;
    private final boolean required;
    private final String preset;
    private final List<String> choices;
    private final int min;
    private final int max;

    private ActionInput(String name, InputKind kind, Class<T> type, boolean required, String preset,
                        List<String> choices, int min, int max) {
        this.name = Objects.requireNonNull(name);
        this.kind = kind;
        this.type = type;
        this.required = required;
        this.preset = preset;
        this.choices = List.copyOf(choices);
        this.min = min;
        this.max = max;
    }

    public static ActionInput<String> text(String name) {
        return new ActionInput<>(name, InputKind.TEXT, String.class, false, null, List.of(), 0, 0);
    }

    public static ActionInput<Party> party(String name) {
        return new ActionInput<>(name, InputKind.PARTY, Party.class, false, null, List.of(), 0, 0);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static ActionInput<List<Party>> parties(String name) {
        return new ActionInput<>(name, InputKind.PARTIES, (Class) List.class, false, null, List.of(), 0, 0);
    }

    /** Read with {@link ActionContext#callerIdFor}, which knows whom it is shown to. */
    public static ActionInput<Party> callerId(String name) {
        return new ActionInput<>(name, InputKind.CALLER_ID, Party.class, false, null, List.of(), 0, 0);
    }

    public static ActionInput<Duration> seconds(String name, int min, int max) {
        return new ActionInput<>(name, InputKind.SECONDS, Duration.class, false, null, List.of(), min, max);
    }

    public static ActionInput<String> url(String name) {
        return new ActionInput<>(name, InputKind.URL, String.class, false, null, List.of(), 0, 0);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static ActionInput<Map<String, String>> headers(String name) {
        return new ActionInput<>(name, InputKind.HEADERS, (Class) Map.class, false, null, List.of(), 0, 0);
    }

    /** true or false, {@code defaultValue} when the task leaves it empty. */
    public static ActionInput<Boolean> flag(String name, boolean defaultValue) {
        return new ActionInput<>(name, InputKind.BOOLEAN, Boolean.class, false, String.valueOf(defaultValue),
                List.of("true", "false"), 0, 0);
    }

    /** One of the choices, the first when the task leaves it empty. */
    public static ActionInput<String> choice(String name, String... choices) {
        return new ActionInput<>(name, InputKind.CHOICE, String.class, false, choices[0], List.of(choices), 0, 0);
    }

    /** Play sources, one per line (see {@link InputKind#PROMPT}); an empty list when the task leaves it empty. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static ActionInput<List<PlaySource>> prompt(String name) {
        return new ActionInput<>(name, InputKind.PROMPT, (Class) List.class, false, null, List.of(), 0, 0);
    }

    /** DTMF keys, between {@code min} and {@code max} of them; null when the task leaves it empty. */
    public static ActionInput<String> tones(String name, int min, int max) {
        return new ActionInput<>(name, InputKind.TONES, String.class, false, null, List.of(), min, max);
    }

    /** Recognize choices, one per line (see {@link InputKind#CHOICES}); an empty list when left empty. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static ActionInput<List<RecognizeChoice>> recognizeChoices(String name) {
        return new ActionInput<>(name, InputKind.CHOICES, (Class) List.class, false, null, List.of(), 0, 0);
    }

    /** A whole number within [min, max]; null when the task leaves it empty. */
    public static ActionInput<Integer> number(String name, int min, int max) {
        return new ActionInput<>(name, InputKind.NUMBER, Integer.class, false, null, List.of(), min, max);
    }

    /** The same input, required: a task without it is refused at deployment, an empty value fails the step. */
    public ActionInput<T> required() {
        return new ActionInput<>(name, kind, type, true, preset, choices, min, max);
    }

    /** The same input with the value the element template fills in, like {@code ${callConnectionId}}. */
    public ActionInput<T> preset(String value) {
        return new ActionInput<>(name, kind, type, required, value, choices, min, max);
    }

    public String name() {
        return name;
    }

    public InputKind kind() {
        return kind;
    }

    public boolean isRequired() {
        return required;
    }

    /** What the element template fills in, or null. For a flag or a choice, also what an empty value means. */
    public String preset() {
        return preset;
    }

    /** The allowed values of a choice or a flag; empty for other kinds. */
    public List<String> choices() {
        return choices;
    }

    /** The range of a {@link InputKind#SECONDS} input. */
    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    /** The kind as the README shows it: {@code seconds 1..180}, {@code none / busy / forbidden}. */
    public String describe() {
        return switch (kind) {
            case SECONDS -> "seconds " + min + ".." + max;
            case NUMBER -> "number " + min + ".." + max;
            case TONES -> "tones, " + min + ".." + max + " keys";
            case CHOICE, BOOLEAN -> String.join(" / ", choices);
            default -> kind.label();
        };
    }

    /** Reads this input's value from the task, as its kind and requiredness say. */
    T read(Inputs inputs) {
        if (required && kind != InputKind.BOOLEAN && kind != InputKind.PARTIES) {
            inputs.text(name); // an empty required input fails the same way, whatever its kind
        }
        Object value = switch (kind) {
            case TEXT -> inputs.optionalText(name);
            case PARTY -> inputs.optionalParty(name);
            case PARTIES -> required ? inputs.parties(name) : inputs.optionalParties(name);
            case CALLER_ID -> inputs.optionalPhoneNumber(name);
            case SECONDS -> inputs.optionalSeconds(name, min, max);
            case URL -> inputs.optionalUrl(name);
            case HEADERS -> inputs.optionalHeaders(name);
            case BOOLEAN -> inputs.flag(name, Boolean.parseBoolean(preset));
            case CHOICE -> inputs.choice(name, choices);
            case PROMPT -> inputs.prompt(name);
            case TONES -> inputs.optionalTones(name, min, max);
            case CHOICES -> inputs.recognizeChoices(name);
            case NUMBER -> inputs.optionalNumber(name, min, max);
        };
        return type.cast(value);
    }

    @Override
    public String toString() {
        return name;
    }
}
