package com.switchboard.incoming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.switchboard.webhooks.WebhookLimits;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class IncomingCallReaderTest {

    private final IncomingCallReader reader = new IncomingCallReader(
            new WebhookLimits(DataSize.ofKilobytes(256), 50, Duration.ofSeconds(10)));

    @Test
    void readsEveryIncomingCallOfADelivery() {
        assertThat(reader.fromEventGridSchema("[" + call("e1", "4:+1", "4:+2", "s1", "corr-1", "ctx-1") + ","
                + call("e2", "8:acs:a", "4:+2", null, "corr-2", "ctx-2") + "]"))
                .extracting(IncomingCall::eventId, IncomingCall::to, IncomingCall::from, IncomingCall::serverCallId,
                        IncomingCall::correlationId, IncomingCall::incomingCallContext)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("e1", "4:+1", "4:+2", "s1", "corr-1", "ctx-1"),
                        org.assertj.core.groups.Tuple.tuple("e2", "8:acs:a", "4:+2", null, "corr-2", "ctx-2"));
    }

    @Test
    void eachIdMustFitItsColumnAndHoldNoControlCharacters() {
        String widest = call("e".repeat(128), "t".repeat(256), "f".repeat(256), "s".repeat(512), "c".repeat(255), "ctx");
        assertThat(reader.fromEventGridSchema("[" + widest + "]")).hasSize(1);

        assertRefused(call("e".repeat(129), "4:+1", "4:+2", "s", "c", "ctx"),
                "Event 1: \"id\" is 129 characters long; at most 128 are accepted");
        assertRefused(call("e\\u0000", "4:+1", "4:+2", "s", "c", "ctx"),
                "Event 1: \"id\" contains a control character (U+0000) at position 1; none are accepted");
        assertRefused(call("", "4:+1", "4:+2", "s", "c", "ctx"), "Event 1: \"id\" is empty");
        assertRefused(call("e", "4:+1", "4:+2", "s".repeat(513), "c", "ctx"),
                "Event 1 (e): \"data.serverCallId\" is 513 characters long; at most 512 are accepted");
        assertRefused(call("e", "t".repeat(257), "4:+2", "s", "c", "ctx"),
                "Event 1 (e): \"data.to.rawId\" is 257 characters long; at most 256 are accepted");
        assertRefused(call("e", "4:+1", "4:+2\\r\\nX", "s", "c", "ctx"),
                "Event 1 (e): \"data.from.rawId\" contains a control character (U+000D) at position 4; none are accepted");
        assertRefused(call("e", null, "4:+2", "s", "c", "ctx"), "Event 1 (e): \"data.to.rawId\" is missing");
        assertRefused(call("e", "4:+1", "4:+2", "s", null, "ctx"), "Event 1 (e): \"data.correlationId\" is missing");
        assertRefused(call("e", "4:+1", "4:+2", "s", "c".repeat(256), "ctx"),
                "Event 1 (e): \"data.correlationId\" is 256 characters long; at most 255 are accepted");
        assertRefused(call("e", "4:+1", "4:+2", "s", "c", null), "Event 1 (e): \"data.incomingCallContext\" is missing");
        assertRefused(call("e", "4:+1", "4:+2", "s", "c", " "), "Event 1 (e): \"data.incomingCallContext\" is empty");
    }

    @Test
    void theIncomingCallContextIsTakenHoweverLongItIs() {
        String context = "x".repeat(100_000);
        assertThat(reader.fromEventGridSchema("[" + call("e", "4:+1", "4:+2", "s", "c", context) + "]"))
                .singleElement().satisfies(call -> assertThat(call.incomingCallContext()).isEqualTo(context));
    }

    @Test
    void theCloudEventsSchemaIsCheckedTheSameWay() {
        String good = cloudEvent("e1", "c1");
        assertThat(reader.fromCloudEventsSchema("[" + good + "]")).hasSize(1);
        assertThatThrownBy(() -> reader.fromCloudEventsSchema("[" + good + "," + cloudEvent("e2", null) + "]"))
                .isInstanceOf(InvalidIncomingCallException.class)
                .hasMessage("Event 1 (e2): \"data.correlationId\" is missing");
    }

    private void assertRefused(String secondEvent, String detail) {
        String first = call("first", "4:+1", "4:+2", "s", "c", "ctx");
        assertThatThrownBy(() -> reader.fromEventGridSchema("[" + first + "," + secondEvent + "]"))
                .isInstanceOf(InvalidIncomingCallException.class).hasMessage(detail);
    }

    /** An IncomingCall in the Event Grid schema; values go into the JSON as given (null leaves the field out). */
    private static String call(String id, String to, String from, String serverCallId, String correlationId,
                               String context) {
        return """
                {"id":"%s","topic":"/t","subject":"/s","eventType":"Microsoft.Communication.IncomingCall",
                 "eventTime":"2026-11-24T10:00:00Z","dataVersion":"1.0","metadataVersion":"1",
                 "data":{%s%s%s%s%s"callerDisplayName":""}}""".formatted(id, party("to", to), party("from", from),
                field("serverCallId", serverCallId), field("correlationId", correlationId),
                field("incomingCallContext", context));
    }

    private static String cloudEvent(String id, String correlationId) {
        return """
                {"id":"%s","source":"/s","type":"Microsoft.Communication.IncomingCall","specversion":"1.0",
                 "data":{"to":{"rawId":"4:+1"},"from":{"rawId":"4:+2"},%s"incomingCallContext":"ctx"}}"""
                .formatted(id, field("correlationId", correlationId));
    }

    private static String party(String name, String rawId) {
        return rawId == null ? "" : "\"" + name + "\":{\"rawId\":\"" + rawId + "\"},";
    }

    private static String field(String name, String value) {
        return value == null ? "" : "\"" + name + "\":\"" + value + "\",";
    }
}
