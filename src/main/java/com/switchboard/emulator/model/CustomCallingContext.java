package com.switchboard.emulator.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code customCallingContext} of a request: custom SIP and VoIP headers passed on to the callee. SIP header
 * names must be {@code User-To-User} or start with {@code X-MS-Custom-}, as ACS only forwards those.
 */
public record CustomCallingContext(Map<String, String> sipHeaders, Map<String, String> voipHeaders) {

    public static final CustomCallingContext NONE = new CustomCallingContext(Map.of(), Map.of());
    private static final String CUSTOM_SIP_PREFIX = "x-ms-custom-";
    private static final String USER_TO_USER = "user-to-user";

    public CustomCallingContext {
        sipHeaders = Map.copyOf(sipHeaders);
        voipHeaders = Map.copyOf(voipHeaders);
    }

    /**
     * Parses {@code {"sipHeaders": {...}, "voipHeaders": {...}}}.
     *
     * @throws AcsApiException 400/8523 naming the field when it is not an object of string headers
     */
    public static CustomCallingContext read(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return NONE;
        }
        if (!node.isObject()) {
            throw AcsApiException.invalidArgument("The field '" + field + "' must be an object.");
        }
        Map<String, String> sip = headers(node.get("sipHeaders"), field + ".sipHeaders");
        sip.keySet().stream().filter(name -> !isForwardedSipHeader(name)).findFirst().ifPresent(name -> {
            throw AcsApiException.invalidArgument("The SIP header '" + name + "' in '" + field
                + ".sipHeaders' is not allowed: custom SIP headers must start with 'X-MS-Custom-' (or be "
                + "'User-To-User').");
        });
        return new CustomCallingContext(sip, headers(node.get("voipHeaders"), field + ".voipHeaders"));
    }

    public boolean isEmpty() {
        return sipHeaders.isEmpty() && voipHeaders.isEmpty();
    }

    private static boolean isForwardedSipHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals(USER_TO_USER) || lower.startsWith(CUSTOM_SIP_PREFIX) && lower.length() > 12;
    }

    private static Map<String, String> headers(JsonNode node, String field) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return headers;
        }
        if (!node.isObject()) {
            throw AcsApiException.invalidArgument("The field '" + field + "' must be an object of strings.");
        }
        node.properties().forEach(entry -> {
            if (!entry.getValue().isTextual()) {
                throw AcsApiException.invalidArgument("The header '" + entry.getKey() + "' in '" + field
                    + "' must be a string.");
            }
            headers.put(entry.getKey(), entry.getValue().asText());
        });
        return headers;
    }
}
