package com.switchboard.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.acs.Party;
import com.switchboard.acs.PlaySource;
import com.switchboard.acs.RecognizeChoice;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;

/**
 * Reads named values as what a flow needs them to be (text, a party, parties, a caller ID, seconds, a duration, a
 * flag, headers, a URL) and says in an analyst's words what is wrong with one that is not: the one place that knows
 * these forms. Whoever reads with it ({@link ActionContext} for a call action's inputs, {@link StartVariablesCheck}
 * for a flow's start variables) says where the value came from, in the exception it makes for a name and a problem.
 */
final class Inputs {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longer values are quoted shortened in messages. */
    private static final int QUOTED = 40;
    /** The longest text ACS speaks in one play source. */
    static final int MAX_TEXT = 4000;
    /** What the engine's timers parse durations with (the JDK's factory keeps no state between calls). */
    private static final DatatypeFactory DURATIONS = durations();

    private final Function<String, Object> values;
    private final BiFunction<String, String, RuntimeException> invalid;

    /**
     * @param values  the value of each name, or null
     * @param invalid the exception for a name and what is wrong with its value
     */
    Inputs(Function<String, Object> values, BiFunction<String, String, RuntimeException> invalid) {
        this.values = values;
        this.invalid = invalid;
    }

    /** A required text. */
    String text(String name) {
        String value = optionalText(name);
        if (value == null) {
            throw invalid(name, "it is empty, but it is required");
        }
        return value;
    }

    /** The text, trimmed; null when it is missing or blank. */
    String optionalText(String name) {
        Object value = values.apply(name);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        return value.toString().trim();
    }

    /** A required party: a phone number like +14255550123 or a user id like 8:acs:... */
    Party party(String name) {
        return parse(name, text(name));
    }

    Party optionalParty(String name) {
        String value = optionalText(name);
        return value == null ? null : parse(name, value);
    }

    /** One or more parties, separated by commas or semicolons (or a list variable). */
    List<Party> parties(String name) {
        List<Party> parties = optionalParties(name);
        if (parties.isEmpty()) {
            throw invalid(name, "it is empty, but it needs at least one phone number or user id");
        }
        return parties;
    }

    /** Parties as {@link #parties}, or none. */
    List<Party> optionalParties(String name) {
        Object value = values.apply(name);
        List<String> items = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            collection.forEach(item -> items.add(String.valueOf(item)));
        } else if (value != null) {
            items.addAll(List.of(value.toString().split("[,;]")));
        }
        return items.stream().filter(item -> !item.isBlank()).map(item -> parse(name, item)).toList();
    }

    /** A phone number in international format, or null. */
    Party optionalPhoneNumber(String name) {
        String value = optionalText(name);
        if (value == null) {
            return null;
        }
        try {
            return Party.parsePhoneNumber(value);
        } catch (IllegalArgumentException e) {
            throw invalid(name, e.getMessage());
        }
    }

    /**
     * The caller ID (a phone number the ACS resource owns) shown to phone numbers being called: required when any of
     * them is a phone number, otherwise optional.
     */
    Party callerIdFor(Collection<Party> called, String name) {
        Party callerId = optionalPhoneNumber(name);
        if (callerId == null && called.stream().anyMatch(Party::isPhoneNumber)) {
            throw invalid(name, "it is empty, but calling a phone number needs a caller ID (a phone number "
                    + "of your ACS resource, like +14255550100)");
        }
        return callerId;
    }

    boolean flag(String name, boolean defaultValue) {
        Object value = values.apply(name);
        if (value == null || value.toString().isBlank()) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (value.toString().trim().toLowerCase()) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw invalid(name, quote(value) + " is neither true nor false");
        };
    }

    /** An optional whole number of seconds within [min, max]. */
    Duration optionalSeconds(String name, int min, int max) {
        String value = optionalText(name);
        if (value == null) {
            return null;
        }
        try {
            int seconds = Integer.parseInt(value);
            if (seconds < min || seconds > max) {
                throw invalid(name, seconds + " is out of range: it must be between " + min + " and " + max + " seconds");
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw invalid(name, quote(value) + " is not a whole number of seconds");
        }
    }

    /**
     * An optional positive ISO-8601 duration ({@code PT60S}, {@code PT2M}, {@code P1D}), as a BPMN timer reads it:
     * judged as given, untrimmed, and a blank one is wrong, since a timer expression gets the variable as it is.
     */
    String optionalDuration(String name) {
        Object value = values.apply(name);
        if (value == null) {
            return null;
        }
        String text = value.toString();
        javax.xml.datatype.Duration duration;
        try {
            duration = DURATIONS.newDuration(text);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw invalid(name, quote(text) + " is not an ISO-8601 duration (like PT60S for 60 seconds, PT2M, P1D)");
        }
        if (duration.getSign() <= 0) {
            throw invalid(name, quote(text) + " is not a positive duration (like PT60S)");
        }
        return text;
    }

    /**
     * Optional name/value pairs: a map variable, a JSON object, or text with one {@code Name: value} (or
     * {@code Name=value}) per line.
     */
    Map<String, String> optionalHeaders(String name) {
        Object value = values.apply(name);
        Map<String, String> headers = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
        } else if (value != null && value.toString().trim().startsWith("{")) {
            try {
                JSON.readTree(value.toString()).properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
            } catch (JsonProcessingException e) {
                throw invalid(name, "is not a valid JSON object: " + e.getOriginalMessage());
            }
        } else if (value != null) {
            for (String line : value.toString().split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                int separator = line.indexOf(':') > 0 ? line.indexOf(':') : line.indexOf('=');
                if (separator <= 0) {
                    throw invalid(name, "has the line " + quote(line.trim()) + "; write one header per line as Name: value");
                }
                headers.put(line.substring(0, separator).trim(), line.substring(separator + 1).trim());
            }
        }
        return headers;
    }

    /** One of the choices; the first when it is missing or blank. */
    String choice(String name, List<String> choices) {
        String value = optionalText(name);
        if (value == null) {
            return choices.get(0);
        }
        if (!choices.contains(value)) {
            throw invalid(name, quote(value) + " is none of " + String.join(", ", choices));
        }
        return value;
    }

    /** An optional absolute http(s) URL. */
    String optionalUrl(String name) {
        String value = optionalText(name);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute() || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                throw invalid(name, quote(value) + " is not an http(s) URL");
            }
            return value;
        } catch (URISyntaxException e) {
            throw invalid(name, quote(value) + " is not a URL");
        }
    }

    /**
     * Play sources, one per line: a line that is an absolute URL is a file (https only), the lines from one starting
     * with {@code <speak} to one ending with {@code </speak>} are one SSML document, any other non-blank line is text
     * to speech (at most {@value #MAX_TEXT} characters). Empty when the value is missing or blank.
     */
    List<PlaySource> prompt(String name) {
        String value = optionalText(name);
        List<PlaySource> sources = new ArrayList<>();
        if (value == null) {
            return sources;
        }
        StringBuilder ssml = null;
        for (String raw : value.split("\\R")) {
            String line = raw.trim();
            if (ssml != null) {
                ssml.append('\n').append(line);
                if (line.endsWith("</speak>")) {
                    sources.add(PlaySource.ssml(ssml.toString()));
                    ssml = null;
                }
            } else if (line.startsWith("<speak")) {
                if (line.endsWith("</speak>")) {
                    sources.add(PlaySource.ssml(line));
                } else {
                    ssml = new StringBuilder(line);
                }
            } else if (line.isEmpty()) {
                continue;
            } else if (line.matches("(?i)[a-z][a-z0-9+.-]*://\\S*")) {
                if (!line.regionMatches(true, 0, "https://", 0, 8)) {
                    throw invalid(name, "plays the file " + quote(line) + ", but a file URL must be https");
                }
                try {
                    new URI(line);
                } catch (URISyntaxException e) {
                    throw invalid(name, quote(line) + " is not a URL");
                }
                sources.add(PlaySource.file(line));
            } else {
                if (line.length() > MAX_TEXT) {
                    throw invalid(name, "has a text of " + line.length() + " characters; a text to speak is at most "
                            + MAX_TEXT + " characters");
                }
                sources.add(PlaySource.text(line));
            }
        }
        if (ssml != null) {
            throw invalid(name, "starts an SSML document with <speak but no line ends it with </speak>");
        }
        return sources;
    }

    /** DTMF keys 0-9, *, #, A-D, between min and max of them; spaces and commas ignored; null when empty. */
    String optionalTones(String name, int min, int max) {
        String value = optionalText(name);
        if (value == null) {
            return null;
        }
        String tones = value.replaceAll("[\\s,]", "").toUpperCase();
        for (char key : tones.toCharArray()) {
            if ("0123456789*#ABCD".indexOf(key) < 0) {
                throw invalid(name, quote(value) + " has " + quote(String.valueOf(key))
                        + ", which is no DTMF key (0-9, *, #, A-D)");
            }
        }
        if (tones.length() < min || tones.length() > max) {
            throw invalid(name, quote(value) + " has " + tones.length() + " keys; it must have between " + min
                    + " and " + max);
        }
        return tones;
    }

    /** Recognize choices, one {@code label: phrase, phrase | tone} per line; empty when the value is empty. */
    List<RecognizeChoice> recognizeChoices(String name) {
        String value = optionalText(name);
        List<RecognizeChoice> choices = new ArrayList<>();
        if (value == null) {
            return choices;
        }
        for (String raw : value.split("\\R")) {
            String line = raw.trim();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            String label = colon > 0 ? line.substring(0, colon).trim() : "";
            String rest = colon > 0 ? line.substring(colon + 1) : "";
            String tone = null;
            int bar = rest.indexOf('|');
            if (bar >= 0) {
                tone = rest.substring(bar + 1).trim();
                rest = rest.substring(0, bar);
                if (!tone.matches("[0-9*#A-Da-d]")) {
                    throw invalid(name, "has the line " + quote(line) + ", whose tone after | is not one DTMF key "
                            + "(0-9, *, #, A-D)");
                }
                tone = tone.toUpperCase();
            }
            List<String> phrases = List.of(rest.split(",")).stream().map(String::trim)
                    .filter(phrase -> !phrase.isEmpty()).toList();
            if (label.isEmpty() || phrases.isEmpty()) {
                throw invalid(name, "has the line " + quote(line) + "; write one choice per line as "
                        + "label: phrase, phrase | tone (like sales: sales, buy | 1)");
            }
            if (choices.stream().anyMatch(choice -> choice.label().equals(label))) {
                throw invalid(name, "has the label " + quote(label) + " twice");
            }
            choices.add(new RecognizeChoice(label, phrases, tone));
        }
        return choices;
    }

    /** An optional whole number within [min, max]. */
    Integer optionalNumber(String name, int min, int max) {
        String value = optionalText(name);
        if (value == null) {
            return null;
        }
        int number;
        try {
            number = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid(name, quote(value) + " is not a whole number");
        }
        if (number < min || number > max) {
            throw invalid(name, number + " is out of range: it must be between " + min + " and " + max);
        }
        return number;
    }

    RuntimeException invalid(String name, String problem) {
        return invalid.apply(name, problem);
    }

    /** {@code 'value'}, shortened when it is long: a message must stay readable whatever was sent. */
    static String quote(Object value) {
        String text = String.valueOf(value);
        if (text.length() <= QUOTED) {
            return "'" + text + "'";
        }
        return "'" + text.substring(0, QUOTED) + "…' (" + text.length() + " characters)";
    }

    private Party parse(String name, String text) {
        try {
            return Party.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid(name, e.getMessage());
        }
    }

    private static DatatypeFactory durations() {
        try {
            return DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException("No XML datatype factory to read ISO-8601 durations", e);
        }
    }
}
