package com.switchboard.callbacks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import com.switchboard.webhooks.EventFields;
import com.switchboard.webhooks.WebhookLimits;
import org.springframework.stereotype.Component;

/**
 * Reads the JSON array of CloudEvents that ACS POSTs. Reads the envelope itself instead of the SDK's event
 * parser, which silently drops event types newer than its api-version; unknown fields are ignored and
 * unknown event types are kept. The whole delivery is checked before anything of it is stored: every event needs an
 * id, a type and the call it is about, and these and its operation context must fit the inbox's columns and hold no
 * control characters; one bad event refuses the delivery, naming the event and the field.
 */
@Component
class CloudEventsReader {

    private static final String SUBJECT_PREFIX = "calling/callConnections/";

    /** The widths of callback_inbox's columns (db/migration/V1__callback_inbox_and_call_owner.sql). */
    static final int MAX_ID = 128;
    static final int MAX_TYPE = 128;
    static final int MAX_CALL_CONNECTION_ID = 128;
    static final int MAX_OPERATION_CONTEXT = 512;

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
        String id = text(node, "id", index, null);
        String event = EventFields.describe(index, id, MAX_ID);
        check(event, "id", EventFields.problemWithRequired(id, MAX_ID));
        String type = text(node, "type", index, id);
        check(event, "type", EventFields.problemWithRequired(type, MAX_TYPE));
        JsonNode data = node.path("data");
        if (!data.isObject()) {
            throw new InvalidCallbackException(event + ": \"data\" is missing or not a JSON object");
        }
        String callConnectionId = text(data, "callConnectionId", index, id);
        String callField = "data.callConnectionId";
        if (callConnectionId == null) {
            String subject = text(node, "subject", index, id);
            if (subject != null && subject.startsWith(SUBJECT_PREFIX)) {
                callConnectionId = subject.substring(SUBJECT_PREFIX.length());
                callField = "subject";
            }
        }
        if (callConnectionId == null) {
            throw new InvalidCallbackException(event + ": \"data.callConnectionId\" is missing, and there is no "
                    + "subject calling/callConnections/<id> either: the event names no call connection");
        }
        check(event, callField, EventFields.problemWithRequired(callConnectionId, MAX_CALL_CONNECTION_ID));
        String operationContext = text(data, "operationContext", index, id);
        check(event, "data.operationContext", EventFields.problemWithOptional(operationContext, MAX_OPERATION_CONTEXT));
        return new CallbackEvent(id, type, callConnectionId, operationContext, data, node.toString());
    }

    private static void check(String event, String field, String problem) {
        if (problem != null) {
            throw new InvalidCallbackException(event + ": \"" + field + "\" " + problem);
        }
    }

    /** The field's value as text; null when it is absent or JSON null; a delivery with an object or array there is refused. */
    private static String text(JsonNode node, String field, int index, String eventId) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new InvalidCallbackException(EventFields.describe(index, eventId, MAX_ID) + ": \"" + field
                    + "\" is not a string");
        }
        return value.asText();
    }
}
