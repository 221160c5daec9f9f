package com.switchboard.correlation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.switchboard.callbacks.CallbackEvent;
import com.switchboard.callbacks.InboxEntry;
import java.time.Duration;
import java.util.List;

/**
 * The {@code data} of stored callback events, which correlation reads the call's variables from, parsed once per
 * event. The webhook's parse comes with the news that its events are stored (and the reconciler's events, as it made
 * them); an event this node has not seen (stored by another node, or before a restart) is parsed from its payload in
 * the inbox when first needed. An event's data is kept while it may still be needed, until its variables are applied
 * or it is done, and no longer than the early-event time-to-live; should it be needed after all, or should more than
 * {@value #MOST} events wait at once, it is parsed from the payload again.
 */
class StoredEventData {

    static final int MOST = 10_000;

    private final ObjectMapper mapper;
    private final Cache<String, JsonNode> byEventId;

    StoredEventData(ObjectMapper mapper, Duration timeToLive) {
        this.mapper = mapper;
        this.byEventId = Caffeine.newBuilder().maximumSize(MOST).expireAfterWrite(timeToLive).build();
    }

    /** Events just stored, as they were parsed: the payload in the inbox is their JSON. */
    void stored(List<CallbackEvent> events) {
        events.forEach(event -> byEventId.put(event.eventId(), event.data()));
    }

    /** The event's {@code data} object. */
    JsonNode of(InboxEntry event) {
        return byEventId.get(event.eventId(), id -> parse(event));
    }

    /** The event's data will not be needed again: its variables are applied, or it is done. */
    void forget(InboxEntry event) {
        byEventId.invalidate(event.eventId());
    }

    private JsonNode parse(InboxEntry event) {
        try {
            return mapper.readTree(event.payload()).path("data");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored event " + event.eventId() + " is not JSON", e);
        }
    }
}
