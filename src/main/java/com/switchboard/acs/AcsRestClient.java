package com.switchboard.acs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * The REST route of {@link CallAutomationGateway}: the operations the SDK 1.0.4 cannot make with all the options
 * the actions offer, sent through the same authenticated pipeline at the newest stable api-version the reference
 * specifies.
 */
@Component
class AcsRestClient {

    static final String API_VERSION = "2026-03-12";

    private final HttpPipeline pipeline;
    private final AcsConnectionString connection;
    private final ObjectMapper mapper;

    AcsRestClient(HttpPipeline acsHttpPipeline, AcsConnectionString connection, ObjectMapper mapper) {
        this.pipeline = acsHttpPipeline;
        this.connection = connection;
        this.mapper = mapper;
    }

    /**
     * POSTs the body to the path (below the endpoint, e.g. {@code calling/callConnections:connect}) and
     * returns the JSON answer, or a null node for an empty one.
     *
     * @throws AcsRequestException for any status but 2xx, with ACS's error code and message
     */
    JsonNode post(String path, Object body, RequestKey key, String what) {
        HttpRequest request = new HttpRequest(HttpMethod.POST, connection.endpoint() + path + "?api-version=" + API_VERSION);
        request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
        request.setHeader(HttpHeaderName.ACCEPT, "application/json");
        try {
            request.setBody(mapper.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Context context = key == null ? Context.NONE : new Context(RepeatabilityPolicy.CONTEXT_KEY, key);
        int status;
        String text;
        // The reactive send, as the SDK's own clients use the pipeline: its retry of a refused request (429, 503)
        // then opens a fresh exchange, where the blocking send on Netty failed with "channel not registered to an
        // event loop" (seen under the emulator's fault plan).
        try (HttpResponse response = pipeline.send(request, context).block()) {
            if (response == null) {
                throw new IllegalStateException("no response");
            }
            status = response.getStatusCode();
            text = Objects.requireNonNullElse(response.getBodyAsString().block(), "");
        } catch (RuntimeException e) {
            throw AcsRequestException.unanswered(what, e);
        }
        if (status / 100 != 2) {
            throw AcsRequestException.answered(what, status, errorBody(text), text, null);
        }
        try {
            return text.isBlank() ? NullNode.getInstance() : mapper.readTree(text);
        } catch (IOException e) {
            throw AcsRequestException.unanswered(what, e);
        }
    }

    /** ACS's error body, or null when something in between answered with anything but JSON. */
    private JsonNode errorBody(String text) {
        try {
            return text.isBlank() ? null : mapper.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
