package com.switchboard.emulator.http;

import com.switchboard.emulator.model.ApiVersion;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One operation: HTTP method, a regex over the raw (percent-encoded) path whose groups are the path parameters,
 * the first api-version that has it, and whether it honours {@code Repeatability-Request-ID}.
 */
public record Route(String method, Pattern path, ApiVersion since, boolean repeatable, Handler handler) {

    /** Handles a matched request; path parameters are already percent-decoded. */
    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request, ApiVersion version, String... pathParameters);
    }

    public static Route of(String method, String pathRegex, ApiVersion since, boolean repeatable, Handler handler) {
        return new Route(method, Pattern.compile(pathRegex), since, repeatable, handler);
    }

    Matcher matcher(String rawPath) {
        return path.matcher(rawPath);
    }
}
