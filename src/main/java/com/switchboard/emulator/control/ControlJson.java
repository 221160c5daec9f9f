package com.switchboard.emulator.control;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.switchboard.emulator.http.ApiRequest;
import com.switchboard.emulator.model.AcsApiException;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The control API's JSON: Jackson reads and writes the emulator's own types (a {@code Faults} plan is its record,
 * component by component), strictly, so that a misspelt or mistyped field is refused rather than passed over.
 * Instants and durations are ISO-8601 strings ({@code "PT0.5S"}); a duration is also read from milliseconds. Fields
 * left out take the type's defaults; unknown fields, strings for numbers or booleans and fractions for integers
 * answer 400/8523 naming the field.
 */
final class ControlJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(new SimpleModule().addDeserializer(Duration.class, new MillisOrIsoDuration()))
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    private ControlJson() {
    }

    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /**
     * The request's body as a {@code type}.
     *
     * @param what what the fields are, for the message about an unknown one: {@code fault}
     * @throws AcsApiException 400/8523 saying what is wrong
     */
    static <T> T read(ApiRequest request, Class<T> type, String what) {
        if (request.body().length == 0) {
            throw AcsApiException.invalidArgument("The request body is required.");
        }
        T value;
        try {
            value = MAPPER.readValue(request.body(), type);
        } catch (UnrecognizedPropertyException e) {
            throw AcsApiException.invalidArgument("Unknown " + what + " '" + e.getPropertyName() + "'. Known: "
                + e.getKnownPropertyIds() + ".");
        } catch (ValueInstantiationException e) {
            throw AcsApiException.invalidArgument(e.getCause() instanceof IllegalArgumentException invalid
                ? invalid.getMessage() : e.getOriginalMessage());
        } catch (MismatchedInputException e) {
            throw AcsApiException.invalidArgument(mismatch(e));
        } catch (JsonProcessingException e) {
            throw AcsApiException.invalidArgument("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw AcsApiException.invalidArgument("The request body cannot be read.");
        }
        if (value == null) {
            throw AcsApiException.invalidArgument("The request body must be a JSON object.");
        }
        return value;
    }

    private static String mismatch(MismatchedInputException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        if (path.isEmpty()) {
            return "The request body must be a JSON object.";
        }
        String field = path.stream().map(JsonMappingException.Reference::getFieldName)
            .filter(name -> name != null).collect(Collectors.joining("."));
        Class<?> type = e.getTargetType();
        String expected;
        if (type == Duration.class) {
            expected = "an ISO-8601 duration (\"PT0.5S\") or milliseconds";
        } else if (type == double.class || type == Double.class) {
            expected = "a number";
        } else if (type == boolean.class || type == Boolean.class) {
            expected = "true or false";
        } else if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            expected = path.size() > 1 ? "an array of whole numbers" : "a whole number";
        } else if (type != null && List.class.isAssignableFrom(type)) {
            expected = "an array";
        } else {
            expected = "of another type";
        }
        return "The field '" + field + "' must be " + expected + ".";
    }

    /** A duration from an ISO-8601 string or a whole number of milliseconds. */
    private static final class MillisOrIsoDuration extends StdDeserializer<Duration> {

        MillisOrIsoDuration() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                return Duration.ofMillis(parser.getLongValue());
            }
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                try {
                    return Duration.parse(parser.getText());
                } catch (DateTimeParseException notIso) {
                    // refused below
                }
            }
            throw MismatchedInputException.from(parser, Duration.class, "not an ISO-8601 duration or milliseconds");
        }
    }
}
