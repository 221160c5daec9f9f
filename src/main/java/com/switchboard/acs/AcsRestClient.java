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
import org.springframework.stereotype.Component;

/**
 * Call Automation requests the SDK 1.0.4 cannot make (connect, cancel add participant, transferee,
 * custom calling context, per-operation callback URI, invitation ids), sent through the same
 * authenticated pipeline at the newest stable api-version the reference specifies.
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
        try (HttpResponse response = pipeline.sendSync(request, context)) {
            String text = response.getBodyAsBinaryData() == null ? "" : response.getBodyAsBinaryData().toString();
            JsonNode json = text.isBlank() ? NullNode.getInstance() : mapper.readTree(text);
            int status = response.getStatusCode();
            if (status / 100 != 2) {
                JsonNode error = json.path("error");
                String code = error.path("code").isMissingNode() ? null : error.path("code").asText();
                String message = error.path("message").asText(text);
                throw new AcsRequestException("ACS could not " + what + ": HTTP " + status
                        + (code == null ? "" : ", code " + code) + ": " + message, status, code, null);
            }
            return json;
        } catch (IOException e) {
            throw new AcsRequestException("ACS could not " + what + ": " + e.getMessage(), 0, null, e);
        }
    }
}
