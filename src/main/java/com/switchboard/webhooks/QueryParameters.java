package com.switchboard.webhooks;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * A webhook's credentials in its URL's query, read from the query string alone: {@code getParameter} would read
 * a form-encoded body to find them, before the request is allowed.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /**
     * The decoded value of a parameter given once; empty when it is missing, and also when it is given more than
     * once (which value would count is ambiguous, so none does).
     */
    public static Optional<String> single(HttpServletRequest request, String name) {
        String query = request.getQueryString();
        if (query == null || query.isEmpty()) {
            return Optional.empty();
        }
        MultiValueMap<String, String> parameters = UriComponentsBuilder.newInstance().query(query).build().getQueryParams();
        List<String> values = parameters.get(name);
        if (values == null || values.size() != 1 || values.get(0) == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UriUtils.decode(values.get(0), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
