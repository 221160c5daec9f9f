package com.switchboard.emulator.http;

import com.switchboard.emulator.model.AcsApiException;
import com.switchboard.emulator.model.ApiVersion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Finds the route of a request. A path no route has at the requested api-version is 404, as the service answers
 * an unknown route; a known path with another method is 405.
 */
public final class Router {

    private final List<Route> routes;

    public Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public Match match(ApiRequest request, ApiVersion version) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Matcher matcher = route.matcher(request.rawPath());
            if (!matcher.matches() || version != null && !version.isAtLeast(route.since())) {
                continue;
            }
            if (!route.method().equals(request.method())) {
                pathKnown = true;
                continue;
            }
            String[] parameters = new String[matcher.groupCount()];
            for (int i = 0; i < parameters.length; i++) {
                parameters[i] = percentDecode(matcher.group(i + 1));
            }
            return new Match(route, parameters);
        }
        if (pathKnown) {
            throw new AcsApiException(405, "MethodNotAllowed",
                "The method " + request.method() + " is not allowed on " + request.rawPath() + ".");
        }
        throw new AcsApiException(404, "NotFound", "The resource " + request.rawPath() + " does not exist"
            + (version == null ? "." : " at api-version " + version + "."));
    }

    /** Decodes %XX escapes only ('+' stays '+', as phone raw ids contain it). */
    public static String percentDecode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length) {
                int high = Character.digit(bytes[i + 1], 16);
                int low = Character.digit(bytes[i + 2], 16);
                if (high >= 0 && low >= 0) {
                    out.write(high << 4 | low);
                    i += 2;
                    continue;
                }
            }
            out.write(bytes[i]);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    public record Match(Route route, String[] parameters) {
    }
}
