package com.switchboard.emulator.delivery;

import java.util.Locale;

/** The event schema of the emulated Event Grid subscription that delivers IncomingCall events. */
public enum EventGridSchema {
    /**
     * The Event Grid schema: a JSON array of events, {@code aeg-event-type: Notification}; the endpoint is first
     * validated with a {@code Microsoft.EventGrid.SubscriptionValidationEvent} it must echo.
     */
    EVENT_GRID,
    /**
     * CloudEvents 1.0 in structured mode, one event per POST ({@code application/cloudevents+json}); the endpoint is
     * first validated with the CloudEvents webhook abuse-protection OPTIONS handshake.
     */
    CLOUD_EVENTS;

    /** Leniently by name: {@code EventGrid}, {@code event-grid}, {@code CLOUD_EVENTS}, {@code CloudEvents}, ... */
    public static EventGridSchema fromName(String name) {
        String normalized = name == null ? "" : name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
        for (EventGridSchema schema : values()) {
            if (schema.name().replace("_", "").toLowerCase(Locale.ROOT).equals(normalized)) {
                return schema;
            }
        }
        throw new IllegalArgumentException("Unknown Event Grid schema '" + name + "': use EventGrid or CloudEvents");
    }
}
