package com.switchboard.callbacks;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Published after new callback events are committed to the inbox: these calls have work. It carries the events as
 * they were parsed and stored, so that correlation need not parse their payloads again; only events stored now,
 * never a redelivery or a conflicting payload, whose stored event is another.
 */
public record CallbackEventsStored(List<CallbackEvent> events) {

    public Set<String> callConnectionIds() {
        Set<String> calls = new LinkedHashSet<>();
        events.forEach(event -> calls.add(event.callConnectionId()));
        return calls;
    }
}
