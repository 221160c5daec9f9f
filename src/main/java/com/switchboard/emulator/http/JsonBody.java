package com.switchboard.emulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.emulator.model.AcsApiException;
import com.switchboard.emulator.model.AcsJson;
import com.switchboard.emulator.model.Identifier;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A request's JSON object with validating accessors; violations are 400/8523 naming the field. */
public final class JsonBody {

    private final JsonNode root;

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    public static JsonBody parse(ApiRequest request) {
        if (request.body().length == 0) {
            throw AcsApiException.invalidArgument("The request body is required.");
        }
        JsonNode root;
        try {
            root = AcsJson.MAPPER.readTree(request.body());
        } catch (JsonProcessingException e) {
            throw AcsApiException.invalidArgument("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw AcsApiException.invalidArgument("The request body cannot be read.");
        }
        if (root == null || !root.isObject()) {
            throw AcsApiException.invalidArgument("The request body must be a JSON object.");
        }
        return new JsonBody(root);
    }

    /** The whole body (a JSON object). */
    public JsonNode root() {
        return root;
    }

    public JsonNode node(String field) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? null : node;
    }

    public Optional<String> text(String field) {
        JsonNode node = node(field);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw AcsApiException.invalidArgument("The field '" + field + "' must be a string.");
        }
        return Optional.of(node.asText());
    }

    public String requiredText(String field) {
        return text(field).filter(value -> !value.isBlank())
            .orElseThrow(() -> AcsApiException.invalidArgument("The field '" + field + "' is required."));
    }

    /** The names of the object's fields, in order. */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        root.fieldNames().forEachRemaining(names::add);
        return names;
    }

    public Optional<Integer> integer(String field) {
        JsonNode node = node(field);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw AcsApiException.invalidArgument("The field '" + field + "' must be an integer.");
        }
        return Optional.of(node.intValue());
    }

    public Identifier requiredIdentifier(String field) {
        return AcsJson.readIdentifier(node(field), field);
    }

    public Optional<Identifier> identifier(String field) {
        return Optional.ofNullable(node(field)).map(node -> AcsJson.readIdentifier(node, field));
    }

    public Optional<Identifier> phoneNumber(String field) {
        return Optional.ofNullable(node(field)).map(node -> AcsJson.readPhoneNumberModel(node, field));
    }

    public Optional<Identifier> communicationUser(String field) {
        return Optional.ofNullable(node(field)).map(node -> {
            String id = node.path("id").asText("");
            if (id.isBlank()) {
                throw AcsApiException.invalidArgument("The field '" + field + ".id' is required.");
            }
            return Identifier.communicationUser(id);
        });
    }

    public URI requiredCallbackUri(String field) {
        return callbackUri(field)
            .orElseThrow(() -> AcsApiException.invalidArgument("The field '" + field + "' is required."));
    }

    /** An absolute http(s) URI the emulator can POST events to. */
    public Optional<URI> callbackUri(String field) {
        return text(field).filter(value -> !value.isBlank()).map(value -> {
            try {
                URI uri = new URI(value);
                if (uri.getHost() == null
                    || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
                    throw AcsApiException.invalidArgument(
                        "The field '" + field + "' must be an absolute http(s) URI: " + value);
                }
                return uri;
            } catch (URISyntaxException e) {
                throw AcsApiException.invalidArgument("The field '" + field + "' is not a valid URI: " + value);
            }
        });
    }
}
