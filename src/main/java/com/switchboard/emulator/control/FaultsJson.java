package com.switchboard.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.emulator.faults.Faults;
import com.switchboard.emulator.http.JsonBody;
import com.switchboard.emulator.model.AcsApiException;
import com.switchboard.emulator.model.AcsJson;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@link Faults} as the control API reads and writes them: the record's components by name, durations as ISO-8601
 * strings ({@code "PT0.5S"}; integers are read as milliseconds), {@code seed} null for a random one. Fields left out
 * are off (or their default); unknown fields are refused, so a misspelt fault does not pass silently.
 */
final class FaultsJson {

    private static final Set<String> FIELDS = Set.of("duplicateProbability", "reorderProbability", "maxHold", "delay",
        "delayJitter", "failFirstAttemptProbability", "deliverBeforeResponse", "actionFaultProbability",
        "actionFaultStatuses", "retryAfter", "failNextActions", "seed");

    private FaultsJson() {
    }

    static ObjectNode write(Faults faults) {
        ObjectNode body = AcsJson.object();
        body.put("duplicateProbability", faults.duplicateProbability());
        body.put("reorderProbability", faults.reorderProbability());
        body.put("maxHold", faults.maxHold().toString());
        body.put("delay", faults.delay().toString());
        body.put("delayJitter", faults.delayJitter().toString());
        body.put("failFirstAttemptProbability", faults.failFirstAttemptProbability());
        body.put("deliverBeforeResponse", faults.deliverBeforeResponse());
        body.put("actionFaultProbability", faults.actionFaultProbability());
        ArrayNode statuses = body.putArray("actionFaultStatuses");
        faults.actionFaultStatuses().forEach(statuses::add);
        body.put("retryAfter", faults.retryAfter().toString());
        body.put("failNextActions", faults.failNextActions());
        if (faults.seed() == null) {
            body.putNull("seed");
        } else {
            body.put("seed", faults.seed());
        }
        return body;
    }

    static Faults read(JsonBody body) {
        body.fieldNames().stream().filter(name -> !FIELDS.contains(name)).findFirst().ifPresent(unknown -> {
            throw AcsApiException.invalidArgument("Unknown fault '" + unknown + "'. Known: " + FIELDS + ".");
        });
        Faults none = Faults.NONE;
        try {
            return new Faults(
                probability(body, "duplicateProbability"),
                probability(body, "reorderProbability"),
                duration(body, "maxHold", none.maxHold()),
                duration(body, "delay", none.delay()),
                duration(body, "delayJitter", none.delayJitter()),
                probability(body, "failFirstAttemptProbability"),
                bool(body, "deliverBeforeResponse"),
                probability(body, "actionFaultProbability"),
                statuses(body.node("actionFaultStatuses")),
                duration(body, "retryAfter", none.retryAfter()),
                body.integer("failNextActions").orElse(0),
                seed(body.node("seed")));
        } catch (IllegalArgumentException e) {
            throw AcsApiException.invalidArgument(e.getMessage());
        }
    }

    private static double probability(JsonBody body, String field) {
        JsonNode node = body.node(field);
        if (node == null) {
            return 0;
        }
        if (!node.isNumber()) {
            throw AcsApiException.invalidArgument("The field '" + field + "' must be a number between 0 and 1.");
        }
        return node.doubleValue();
    }

    private static boolean bool(JsonBody body, String field) {
        JsonNode node = body.node(field);
        if (node != null && !node.isBoolean()) {
            throw AcsApiException.invalidArgument("The field '" + field + "' must be true or false.");
        }
        return node != null && node.booleanValue();
    }

    private static Duration duration(JsonBody body, String field, Duration absent) {
        JsonNode node = body.node(field);
        if (node == null) {
            return absent;
        }
        if (node.isIntegralNumber()) {
            return Duration.ofMillis(node.longValue());
        }
        try {
            if (node.isTextual()) {
                return Duration.parse(node.asText());
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw AcsApiException.invalidArgument("The field '" + field
            + "' must be an ISO-8601 duration (\"PT0.5S\") or milliseconds.");
    }

    private static List<Integer> statuses(JsonNode node) {
        List<Integer> statuses = new ArrayList<>();
        if (node == null) {
            return statuses;
        }
        if (!node.isArray()) {
            throw AcsApiException.invalidArgument("The field 'actionFaultStatuses' must be an array of statuses.");
        }
        for (JsonNode status : node) {
            if (!status.isInt()) {
                throw AcsApiException.invalidArgument("The field 'actionFaultStatuses' must hold HTTP statuses.");
            }
            statuses.add(status.intValue());
        }
        return statuses;
    }

    private static Long seed(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw AcsApiException.invalidArgument("The field 'seed' must be an integer or null.");
        }
        return node.longValue();
    }
}
