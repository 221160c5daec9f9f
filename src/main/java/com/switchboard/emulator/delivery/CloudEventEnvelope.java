package com.switchboard.emulator.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.emulator.model.AcsJson;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Wraps callback event data into the CloudEvents 1.0 envelope ACS uses. */
public final class CloudEventEnvelope {

    public static final String TYPE_PREFIX = "Microsoft.Communication.";

    private CloudEventEnvelope() {
    }

    /**
     * @param callConnectionId the call the event belongs to; {@code source} and {@code subject} name it
     * @param eventName the event name without prefix, e.g. {@code CallConnected}
     * @param data the event data; {@code publicEventType} is added here
     */
    public static ObjectNode wrap(String callConnectionId, String eventName, ObjectNode data) {
        String type = TYPE_PREFIX + eventName;
        String source = "calling/callConnections/" + callConnectionId;
        data.put("publicEventType", type);
        ObjectNode event = AcsJson.object();
        event.put("id", UUID.randomUUID().toString());
        event.put("source", source);
        event.put("type", type);
        event.set("data", data);
        event.put("time", Instant.now().truncatedTo(ChronoUnit.MICROS).toString());
        event.put("specversion", "1.0");
        event.put("datacontenttype", "application/json");
        event.put("subject", source);
        return event;
    }
}
