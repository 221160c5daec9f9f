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
        assertThatThrownBy(() -> reader.read(bytes("[{\"type\":\"t\",\"data\":{}}]")))
                .hasMessage("Event 0: \"id\" is missing");
        assertThatThrownBy(() -> reader.read(bytes("[{\"id\":\"e\",\"data\":{}}]")))
                .hasMessage("Event 0 (e): \"type\" is missing");
        assertThatThrownBy(() -> reader.read(bytes("[{\"id\":\"e\",\"type\":\"t\"}]")))
                .hasMessage("Event 0 (e): \"data\" is missing or not a JSON object");
        assertThatThrownBy(() -> reader.read(bytes("[{\"id\":\"e\",\"type\":\"t\",\"data\":{}}]")))
                .hasMessageContaining("Event 0 (e): \"data.callConnectionId\" is missing").hasMessageContaining("names no call connection");
        assertThatThrownBy(() -> reader.read(bytes("[{\"id\":{\"x\":1},\"type\":\"t\",\"data\":{}}]")))
                .hasMessage("Event 0: \"id\" is not a string");
    }

    @Test
    void everyFieldThatIsStoredMustFitItsColumnAndHoldNoControlCharacters() {
        String ok = event("ok", "Microsoft.Communication.CallConnected", "c1", "op/1");
        assertThat(reader.read(bytes("[" + ok + "," + event("x".repeat(128), "t".repeat(128), "c".repeat(128), "o".repeat(512)) + "]")))
                .hasSize(2);

        assertRefused(event("x".repeat(129), "t", "c", null), "Event 1: \"id\" is 129 characters long; at most 128 are accepted");
        assertRefused(event("e", "t".repeat(200), "c", null), "Event 1 (e): \"type\" is 200 characters long; at most 128 are accepted");
        assertRefused(event("e", "t", "c".repeat(200), null),
                "Event 1 (e): \"data.callConnectionId\" is 200 characters long; at most 128 are accepted");
        assertRefused(event("e", "t", "c", "o".repeat(600)),
                "Event 1 (e): \"data.operationContext\" is 600 characters long; at most 512 are accepted");
        assertRefused(event("e\\u0000", "t", "c", null),
                "Event 1: \"id\" contains a control character (U+0000) at position 1; none are accepted");
        assertRefused(event("e\\r\\nFORGED", "t", "c", null),
                "Event 1: \"id\" contains a control character (U+000D) at position 1; none are accepted");
        assertRefused(event("e", "Microsoft.Communication.X\\u0001", "c", null),
                "Event 1 (e): \"type\" contains a control character (U+0001) at position 25; none are accepted");
        assertRefused(event("e", "t", "c\\u0000", null),
                "Event 1 (e): \"data.callConnectionId\" contains a control character (U+0000) at position 1; none are accepted");
        assertRefused(event("e", "t", "c", "op\\n1"),
                "Event 1 (e): \"data.operationContext\" contains a control character (U+000A) at position 2; none are accepted");
        assertRefused(event("", "t", "c", null), "Event 1: \"id\" is empty");
        assertRefused(event(" ", "t", "c", null), "Event 1: \"id\" is empty");
        assertRefused(event("e", "", "c", null), "Event 1 (e): \"type\" is empty");
        assertRefused(event("e", "t", "", null), "Event 1 (e): \"data.callConnectionId\" is empty");
        assertRefused("{\"id\":\"e\",\"type\":\"t\",\"subject\":\"calling/callConnections/\",\"data\":{}}",
                "Event 1 (e): \"subject\" is empty");
    }

    private void assertRefused(String secondEvent, String detail) {
        String first = event("first", "Microsoft.Communication.CallConnected", "c1", null);
        assertThatThrownBy(() -> reader.read(bytes("[" + first + "," + secondEvent + "]")))
                .isInstanceOf(InvalidCallbackException.class).hasMessage(detail);
    }

    /** An event whose values are put into the JSON as given, so JSON escapes in them stay escapes. */
    private static String event(String id, String type, String callConnectionId, String operationContext) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"specversion\":\"1.0\",\"data\":{\"callConnectionId\":\""
                + callConnectionId + "\"" + (operationContext == null ? "" : ",\"operationContext\":\"" + operationContext + "\"")
                + "}}";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
