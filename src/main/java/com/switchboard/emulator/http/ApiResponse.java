package com.switchboard.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.emulator.model.AcsJson;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** An HTTP response to write: status, extra headers and a JSON body (empty for 204). */
public record ApiResponse(int status, Map<String, String> headers, byte[] body) {

    private static final byte[] EMPTY = new byte[0];

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public static ApiResponse json(int status, JsonNode body) {
        return new ApiResponse(status, Map.of("Content-Type", "application/json; charset=utf-8"),
            body.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, Map.of(), EMPTY);
    }

    public static ApiResponse error(int status, String code, String message) {
        return json(status, AcsJson.error(code, message));
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, more, body);
    }
}
