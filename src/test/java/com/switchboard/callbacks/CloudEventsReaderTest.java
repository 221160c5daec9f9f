package com.switchboard.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudEventsReaderTest {

    private final CloudEventsReader reader = new CloudEventsReader(new ObjectMapper(), new com.switchboard.webhooks.WebhookLimits(org.springframework.util.unit.DataSize.ofKilobytes(256), 50, java.time.Duration.ofSeconds(10)));

    @Test
    void readsTheEnvelopeOfEveryEventTypeAndIgnoresUnknownFields() {
        List<CallbackEvent> events = reader.read(bytes("""
                [{"id":"e1","source":"calling/callConnections/c1","type":"Microsoft.Communication.CreateCallFailed",
                  "specversion":"1.0","futureField":{"x":1},
                  "data":{"callConnectionId":"c1","operationContext":"createCall/1",
                          "resultInformation":{"code":486,"subCode":560486,"message":"busy"},"version":"2026-03-12"}},
                 {"id":"e2","subject":"calling/callConnections/c2","type":"Microsoft.Communication.SomethingNew","data":{}}]
                """));
        assertThat(events).extracting(CallbackEvent::eventId, CallbackEvent::name, CallbackEvent::callConnectionId,
                        CallbackEvent::operationContext)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("e1", "CreateCallFailed", "c1", "createCall/1"),
                        org.assertj.core.groups.Tuple.tuple("e2", "SomethingNew", "c2", null));
        assertThat(events.get(0).data().path("resultInformation").path("code").asInt()).isEqualTo(486);
        assertThat(events.get(0).json()).contains("futureField");
    }

    @Test
    void refusesWhatIsNotAnArrayOfCloudEvents() {
        assertThatThrownBy(() -> reader.read(bytes("{not json"))).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> reader.read(bytes("{\"id\":\"e1\"}"))).hasMessageContaining("must be a JSON array");
        assertThatThrownBy(() -> reader.read(bytes("[1]"))).hasMessageContaining("Event 0 is not a JSON object");
        assertThatThrownBy(() -> reader.read(bytes("[{\"type\":\"t\",\"data\":{}}]"))).hasMessageContaining("has no id");
        assertThatThrownBy(() -> reader.read(bytes("[{\"id\":\"e\",\"data\":{}}]"))).hasMessageContaining("has no type");
        assertThatThrownBy(() -> reader.read(bytes("[{\"id\":\"e\",\"type\":\"t\",\"data\":{}}]")))
                .hasMessageContaining("names no call connection");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
