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
import com.switchboard.webhooks.WebhookLimits;
import org.springframework.stereotype.Component;

/**
 * Reads Event Grid deliveries, in the Event Grid schema or the CloudEvents schema, with the Event Grid
 * client library's own models. Only IncomingCall events are kept; a delivery that is not what Event
 * Grid sends is refused whole.
 */
@Component
class IncomingCallReader {

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
        List<IncomingCall> calls = new ArrayList<>();
        for (EventGridEvent event : eventGridEvents(body)) {
            if (SystemEventNames.COMMUNICATION_INCOMING_CALL.equals(event.getEventType())) {
                calls.add(call(event.getId(), event.getData()));
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
        for (CloudEvent event : events) {
            if (SystemEventNames.COMMUNICATION_INCOMING_CALL.equals(event.getType())) {
                calls.add(call(event.getId(), event.getData()));
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

    private static IncomingCall call(String eventId, BinaryData payload) {
        AcsIncomingCallEventData data;
        try {
            data = payload == null ? null : payload.toObject(AcsIncomingCallEventData.class);
        } catch (RuntimeException e) {
            throw new InvalidIncomingCallException("IncomingCall event " + eventId + " has unreadable data: " + e.getMessage());
        }
        if (data == null || data.getIncomingCallContext() == null || data.getIncomingCallContext().isBlank()) {
            throw new InvalidIncomingCallException("IncomingCall event " + eventId + " has no incomingCallContext");
        }
        String to = rawId(data.getToCommunicationIdentifier());
        String from = rawId(data.getFromCommunicationIdentifier());
        if (to == null || from == null) {
            throw new InvalidIncomingCallException("IncomingCall event " + eventId + " lacks the raw id of 'to' or 'from'");
        }
        AcsIncomingCallCustomContext custom = data.getCustomContext();
        return new IncomingCall(eventId, to, from, data.getCallerDisplayName(), data.getServerCallId(),
                data.getCorrelationId(), data.getIncomingCallContext(),
                custom == null || custom.getSipHeaders() == null ? Map.of() : Map.copyOf(custom.getSipHeaders()),
                custom == null || custom.getVoipHeaders() == null ? Map.of() : Map.copyOf(custom.getVoipHeaders()));
    }

    private static String rawId(CommunicationIdentifierModel identifier) {
        return identifier == null ? null : identifier.getRawId();
    }
}
