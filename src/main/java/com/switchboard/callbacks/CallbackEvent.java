package com.switchboard.callbacks;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One ACS callback event, read from its CloudEvents envelope.
 *
 * @param eventId          the CloudEvent id; ACS delivers at least once, so the same id can come again
 * @param type             the full type, for example {@code Microsoft.Communication.CallConnected}
 * @param callConnectionId the call the event is about ({@code data.callConnectionId}, or taken from the
 *                         subject {@code calling/callConnections/<id>})
 * @param operationContext the operation context of the action that caused it, if any
 * @param data             the event's {@code data} object, as sent
 * @param json             the whole event as received, for the inbox
 */
public record CallbackEvent(String eventId, String type, String callConnectionId, String operationContext,
                            JsonNode data, String json) {

    static final String TYPE_PREFIX = "Microsoft.Communication.";

    /** The event's name without the {@code Microsoft.Communication.} prefix: the BPMN message name. */
    public String name() {
        return name(type);
    }

    public static String name(String type) {
        return type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
    }
}
