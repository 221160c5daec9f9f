package com.switchboard.incoming;

import com.azure.core.models.CloudEvent;
import com.azure.core.util.BinaryData;
import com.azure.messaging.eventgrid.EventGridEvent;
import com.azure.messaging.eventgrid.SystemEventNames;
import com.azure.messaging.eventgrid.systemevents.AcsIncomingCallCustomContext;
import com.azure.messaging.eventgrid.systemevents.AcsIncomingCallEventData;
import com.azure.messaging.eventgrid.systemevents.CommunicationIdentifierModel;
import com.azure.messaging.eventgrid.systemevents.SubscriptionValidationEventData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.switchboard.webhooks.EventFields;
import com.switchboard.webhooks.WebhookLimits;
import org.springframework.stereotype.Component;

/**
 * Reads Event Grid deliveries, in the Event Grid schema or the CloudEvents schema, with the Event Grid
 * client library's own models. Only IncomingCall events are kept; a delivery that is not what Event
 * Grid sends is refused whole, before any flow starts: each IncomingCall needs an id, the raw ids of both parties,
 * a correlation id (the flow's business key) and an incoming call context, and its ids must fit their columns and
 * hold no control characters. The refusal names the event and the field.
 */
@Component
class IncomingCallReader {

    /** The widths of incoming_call's columns (db/migration/V2__incoming_call.sql). */
    static final int MAX_EVENT_ID = 128;
    static final int MAX_SERVER_CALL_ID = 512;
    static final int MAX_RAW_ID = 256;
    /** The correlation id is the flow's business key: Camunda's BUSINESS_KEY_ is 255 wide. */
    static final int MAX_CORRELATION_ID = 255;

    private final WebhookLimits limits;

    IncomingCallReader(WebhookLimits limits) {
        this.limits = limits;
    }

    /** The validation code of a subscription validation delivery (Event Grid schema), if it is one. */
    Optional<String> validationCode(String body) {
        for (EventGridEvent event : eventGridEvents(body)) {
            if (SystemEventNames.EVENT_GRID_SUBSCRIPTION_VALIDATION.equals(event.getEventType())) {
                SubscriptionValidationEventData data = event.getData().toObject(SubscriptionValidationEventData.class);
                if (data == null || data.getValidationCode() == null) {
                    throw new InvalidIncomingCallException("The subscription validation event has no validationCode");
                }
                return Optional.of(data.getValidationCode());
            }
        }
        return Optional.empty();
    }

    List<IncomingCall> fromEventGridSchema(String body) {
        List<EventGridEvent> events = eventGridEvents(body);
        List<IncomingCall> calls = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            EventGridEvent event = events.get(i);
            if (SystemEventNames.COMMUNICATION_INCOMING_CALL.equals(event.getEventType())) {
                calls.add(call(i, event.getId(), event.getData()));
            }
        }
        return calls;
    }

    List<IncomingCall> fromCloudEventsSchema(String body) {
        List<CloudEvent> events;
        try {
            events = CloudEvent.fromString(body);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InvalidIncomingCallException("The body is not a CloudEvent or an array of them: " + e.getMessage());
        }
        limits.checkEventCount(events.size());
        List<IncomingCall> calls = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            CloudEvent event = events.get(i);
            if (SystemEventNames.COMMUNICATION_INCOMING_CALL.equals(event.getType())) {
                calls.add(call(i, event.getId(), event.getData()));
            }
        }
        return calls;
    }

    private List<EventGridEvent> eventGridEvents(String body) {
        if (!body.stripLeading().startsWith("[")) {
            throw new InvalidIncomingCallException("The body must be a JSON array of Event Grid events");
        }
        List<EventGridEvent> events;
        try {
            events = EventGridEvent.fromString(body);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InvalidIncomingCallException("The body is not an array of Event Grid events: " + e.getMessage());
        }
        limits.checkEventCount(events.size());
        return events;
    }

    private static IncomingCall call(int index, String eventId, BinaryData payload) {
        String event = EventFields.describe(index, eventId, MAX_EVENT_ID);
        check(event, "id", EventFields.problemWithRequired(eventId, MAX_EVENT_ID));
        AcsIncomingCallEventData data;
        try {
            data = payload == null ? null : payload.toObject(AcsIncomingCallEventData.class);
        } catch (RuntimeException e) {
            throw new InvalidIncomingCallException(event + ": \"data\" is not IncomingCall data: " + e.getMessage());
        }
        if (data == null) {
            throw new InvalidIncomingCallException(event + ": \"data\" is missing");
        }
        // Only present: a context is as long as ACS makes it, and the flow gets it as it came.
        String context = data.getIncomingCallContext();
        if (context == null || context.isBlank()) {
            throw new InvalidIncomingCallException(event + ": \"data.incomingCallContext\" is "
                    + (context == null ? "missing" : "empty"));
        }
        String to = rawId(data.getToCommunicationIdentifier());
        String from = rawId(data.getFromCommunicationIdentifier());
        check(event, "data.to.rawId", EventFields.problemWithRequired(to, MAX_RAW_ID));
        check(event, "data.from.rawId", EventFields.problemWithRequired(from, MAX_RAW_ID));
        check(event, "data.serverCallId", EventFields.problemWithOptional(data.getServerCallId(), MAX_SERVER_CALL_ID));
        check(event, "data.correlationId", EventFields.problemWithRequired(data.getCorrelationId(), MAX_CORRELATION_ID));
        AcsIncomingCallCustomContext custom = data.getCustomContext();
        return new IncomingCall(eventId, to, from, data.getCallerDisplayName(), data.getServerCallId(),
                data.getCorrelationId(), context,
                custom == null || custom.getSipHeaders() == null ? Map.of() : Map.copyOf(custom.getSipHeaders()),
                custom == null || custom.getVoipHeaders() == null ? Map.of() : Map.copyOf(custom.getVoipHeaders()));
    }

    private static void check(String event, String field, String problem) {
        if (problem != null) {
            throw new InvalidIncomingCallException(event + ": \"" + field + "\" " + problem);
        }
    }

    private static String rawId(CommunicationIdentifierModel identifier) {
        return identifier == null ? null : identifier.getRawId();
    }
}
