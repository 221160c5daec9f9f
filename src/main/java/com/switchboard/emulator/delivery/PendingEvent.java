package com.switchboard.emulator.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.emulator.model.AcsJson;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** An event published to the topic, rendered in either schema with the same id and time. */
record PendingEvent(String id, String eventType, String subject, ObjectNode data, String time) {

    static final String DATA_VERSION = "1.0";
    private static final String TYPE_PREFIX = "Microsoft.Communication.";

    static PendingEvent create(String eventType, String subject, ObjectNode data) {
        return new PendingEvent(UUID.randomUUID().toString(), eventType, subject, data, now());
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
    }

    /** The event name for the delivery log, e.g. {@code IncomingCall}. */
    String name() {
        return eventType.startsWith(TYPE_PREFIX) ? eventType.substring(TYPE_PREFIX.length()) : eventType;
    }

    ObjectNode eventGridSchema() {
        ObjectNode event = AcsJson.object();
        event.put("id", id);
        event.put("topic", EventGridPublisher.TOPIC);
        event.put("subject", subject);
        event.set("data", data);
        event.put("eventType", eventType);
        event.put("dataVersion", DATA_VERSION);
        event.put("metadataVersion", "1");
        event.put("eventTime", time);
        return event;
    }

    ObjectNode cloudEventsSchema() {
        ObjectNode event = AcsJson.object();
        event.put("id", id);
        event.put("source", EventGridPublisher.TOPIC);
        event.put("specversion", "1.0");
        event.put("type", eventType);
        event.put("subject", subject);
        event.put("time", time);
        event.set("data", data);
        return event;
    }
}
