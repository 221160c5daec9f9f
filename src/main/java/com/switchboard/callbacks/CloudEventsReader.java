package com.switchboard.callbacks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import com.switchboard.webhooks.WebhookLimits;
import org.springframework.stereotype.Component;

/**
 * Reads the JSON array of CloudEvents that ACS POSTs. Reads the envelope itself instead of the SDK's event
 * parser, which silently drops event types newer than its api-version; unknown fields are ignored and
 * unknown event types are kept. The whole delivery is checked before anything of it is stored.
 */
@Component
class CloudEventsReader {

    private static final String SUBJECT_PREFIX = "calling/callConnections/";

    private final ObjectMapper mapper;
    private final WebhookLimits limits;

    CloudEventsReader(ObjectMapper mapper, WebhookLimits limits) {
        this.mapper = mapper;
        this.limits = limits;
    }

    List<CallbackEvent> read(byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidCallbackException("The body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new InvalidCallbackException("The body could not be read: " + e.getMessage());
        }
        if (root == null || !root.isArray()) {
            throw new InvalidCallbackException("The body must be a JSON array of CloudEvents, as ACS sends it");
        }
        limits.checkEventCount(root.size());
        List<CallbackEvent> events = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            events.add(event(root.get(i), i));
        }
        return events;
    }

    private CallbackEvent event(JsonNode node, int index) {
        if (!node.isObject()) {
            throw new InvalidCallbackException("Event " + index + " is not a JSON object");
        }
        String id = text(node, "id");
        String type = text(node, "type");
        if (id == null) {
            throw new InvalidCallbackException("Event " + index + " has no id");
        }
        if (type == null) {
            throw new InvalidCallbackException("Event " + index + " (" + id + ") has no type");
        }
        JsonNode data = node.path("data");
        if (!data.isObject()) {
            throw new InvalidCallbackException("Event " + index + " (" + id + ") has no data object");
        }
        String callConnectionId = text(data, "callConnectionId");
        if (callConnectionId == null) {
            String subject = text(node, "subject");
            if (subject != null && subject.startsWith(SUBJECT_PREFIX)) {
                callConnectionId = subject.substring(SUBJECT_PREFIX.length());
            }
        }
        if (callConnectionId == null || callConnectionId.isBlank()) {
            throw new InvalidCallbackException("Event " + index + " (" + id + ") names no call connection "
                    + "(neither data.callConnectionId nor a subject calling/callConnections/<id>)");
        }
        return new CallbackEvent(id, type, callConnectionId, text(data, "operationContext"), data, node.toString());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }
}
