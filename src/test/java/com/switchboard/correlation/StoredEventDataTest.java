package com.switchboard.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.callbacks.CallbackEvent;
import com.switchboard.callbacks.InboxEntry;
import com.switchboard.callbacks.InboxStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An event's payload is parsed once: by the webhook when this node stored it, else from the inbox when first needed. */
class StoredEventDataTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final StoredEventData data = new StoredEventData(mapper, Duration.ofMinutes(1));

    @Test
    void anEventThisNodeStoredIsNotParsedAgain() throws Exception {
        JsonNode parsed = mapper.readTree("{\"callConnectionId\": \"call-1\", \"serverCallId\": \"server-1\"}");
        data.stored(List.of(new CallbackEvent("event-1", "Microsoft.Communication.CallConnected", "call-1", null, parsed,
                "{\"data\": {\"callConnectionId\": \"call-1\", \"serverCallId\": \"server-1\"}}")));

        assertThat(data.of(stored("event-1", "what the inbox holds is not read"))).isSameAs(parsed);
    }

    @Test
    void anEventThisNodeDidNotStoreIsParsedFromTheInboxOnce() {
        InboxEntry event = stored("event-2", "{\"id\": \"event-2\", \"data\": {\"callConnectionId\": \"call-2\"}}");

        JsonNode parsed = data.of(event);

        assertThat(parsed.path("callConnectionId").asText()).isEqualTo("call-2");
        assertThat(data.of(event)).as("the second attempt takes the first one's parse").isSameAs(parsed);
        data.forget(event);
        assertThat(data.of(event)).as("parsed again once forgotten").isNotSameAs(parsed).isEqualTo(parsed);
    }

    @Test
    void aPayloadThatIsNotJsonSaysWhichEvent() {
        assertThatThrownBy(() -> data.of(stored("event-3", "not json"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("Stored event event-3 is not JSON");
    }

    private static InboxEntry stored(String eventId, String payload) {
        return new InboxEntry(1, eventId, "Microsoft.Communication.CallConnected", "call", null, payload, Instant.now(),
                InboxStatus.PENDING, false, 0, null, null, null, null, null, "RECEIVED");
    }
}
