package com.switchboard.emulator.delivery;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** A webhook subscription and its validation state; guarded by the {@link EventGridPublisher}'s monitor. */
final class Subscription {

    enum State {
        PENDING, VALIDATING, VALIDATED, FAILED;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    final URI webhook;
    final EventGridSchema schema;
    final String validationCode = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    final String validationEventId = UUID.randomUUID().toString();
    /** Events published while the validation is under way. */
    final List<PendingEvent> waiting = new ArrayList<>();
    State state = State.PENDING;
    String failure;

    Subscription(URI webhook, EventGridSchema schema) {
        this.webhook = webhook;
        this.schema = schema;
    }

    /** Marks the subscription validated and returns the events that waited for it. */
    List<PendingEvent> validated() {
        state = State.VALIDATED;
        failure = null;
        List<PendingEvent> released = List.copyOf(waiting);
        waiting.clear();
        return released;
    }
}
