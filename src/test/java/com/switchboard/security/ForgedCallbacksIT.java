package com.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.switchboard.SignedCallbacks;
import com.switchboard.SwitchboardIntegrationTest;
import com.switchboard.callbacks.CallbackInbox;
import com.switchboard.callbacks.CallbackUrls;
import com.switchboard.callbacks.InboxEntry;
import com.switchboard.callbacks.InboxStatus;
import com.switchboard.correlation.CallOwnership;
import com.switchboard.emulator.AcsEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A valid ACS token is a bearer token, valid for minutes and bound to no call: whoever holds one must still not
 * steer another call. Each call posts to a signed callback URL of its own, and an event is taken only at the URL
 * of its call. What a sender invents does not reach metric labels or forge log lines.
 */
@ExtendWith(OutputCaptureExtension.class)
class ForgedCallbacksIT extends SwitchboardIntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    AcsEmulator emulator;
    @Autowired
    CallbackUrls callbackUrls;
    @Autowired
    CallOwnership ownership;
    @Autowired
    CallbackInbox inbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aTokenAndTheUrlOfOneFlowCannotEndAnotherFlowsCall() {
        ProcessInstance attacker = start("test-wait-connected", Map.of());
        ProcessInstance victim = start("test-wait-connected", Map.of());
        Owned victimsCall = owned(victim);
        Owned attackersCall = owned(attacker);
        long before = stored();

        ResponseEntity<String> forged = post(attackersCall.url(), connected(victimsCall.id()));

        assertThat(forged.getStatusCode().value()).isEqualTo(401);
        assertThat(forged.getBody()).contains("not the call this callback URL was given for");
        assertThat(stored()).isEqualTo(before);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(victim.getId()).count()).isEqualTo(1);

        assertThat(post(victimsCall.url(), connected(victimsCall.id())).getStatusCode().value()).isEqualTo(200);
        awaitEnded(victim);
    }

    @Test
    void theUrlOfOneCallCannotSteerAnotherCallOfTheSameFlow() {
        ProcessInstance flow = start("test-wait-connected", Map.of());
        Owned first = owned(flow);
        Owned second = owned(flow);
        long before = stored();
        assertThat(post(first.url(), connected(second.id())).getStatusCode().value()).isEqualTo(401);
        assertThat(stored()).isEqualTo(before);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(flow.getId()).count()).isEqualTo(1);
    }

    @Test
    void aCallbackUrlWithoutItsFlowOrCallOrWithAForgedSignatureIsRefused() {
        ProcessInstance victim = start("test-wait-connected", Map.of());
        Owned call = owned(victim);
        String valid = call.url();
        String webhook = valid.substring(0, valid.indexOf('?'));
        String flow = "flow=" + victim.getId();
        long before = stored();
        for (String url : List.of(webhook, webhook + "?" + flow, webhook + "?" + flow + "&call=" + call.key(),
                webhook + "?" + flow + "&call=" + call.key() + "&sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                valid.replace(flow, "flow=" + UUID.randomUUID()), valid.replace("call=" + call.key(), "call=other"),
                valid + "&" + flow, valid + "&call=other", valid.replace("&sig=", "&sig=x"))) {
            ResponseEntity<String> response = post(url, connected(call.id()));
            assertThat(response.getStatusCode().value()).as(url).isEqualTo(401);
            assertThat(response.getBody()).as(url).contains("callback URL");
        }
        assertThat(stored()).isEqualTo(before);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(victim.getId()).count()).isEqualTo(1);
    }

    @Test
    void anEventThatCameEarlyToAnotherCallsUrlIsRejectedWhenTheOwnerIsKnown() {
        ProcessInstance attacker = start("test-wait-connected", Map.of());
        ProcessInstance victim = start("test-wait-connected", Map.of());
        String call = "not-yet-owned-" + UUID.randomUUID();
        String attackersUrl = callbackUrls.forCall(attacker.getId(), "attackers-call").url();
        assertThat(post(attackersUrl, connected(call)).getStatusCode().value()).isEqualTo(200);

        transactions.executeWithoutResult(status -> ownership.register(call, victim.getId(), "victims-call"));

        await().atMost(Duration.ofSeconds(10)).until(() -> statusOf(call) == InboxStatus.REJECTED);
        InboxEntry rejected = inbox.ofCall(call).get(0);
        assertThat(rejected.reason()).contains("callback URL of flow " + attacker.getId()).contains(victim.getId());
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(victim.getId()).count()).isEqualTo(1);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(attacker.getId()).count()).isEqualTo(1);
    }

    @Test
    void aSenderCannotInventMetricLabelsOrForgeLogLines(CapturedOutput output) {
        String call = "labels-" + UUID.randomUUID();
        String invented = "Microsoft.Communication.Invented" + UUID.randomUUID();
        String url = callbackUrls.forCall("labels-it", "call").url();
        assertThat(post(url, event(UUID.randomUUID().toString(), invented, call)).getStatusCode().value()).isEqualTo(200);

        String metrics = http.withBasicAuth("admin", TEST_ADMIN_PASSWORD).getForObject("/actuator/prometheus", String.class);
        assertThat(metrics).contains("switchboard_callbacks_received_total{type=\"other\"}").doesNotContain("Invented");

        // Control characters in an id or a type never get as far as a log line or a label: the delivery is refused.
        long before = stored();
        ResponseEntity<String> forgedId = post(url, event(UUID.randomUUID() + "\\r\\nERROR forged-line", invented, call));
        ResponseEntity<String> forgedType = post(url, event(UUID.randomUUID().toString(), invented + "\\u0001\\r\\nINFO forged", call));
        assertThat(forgedId.getStatusCode().value()).isEqualTo(400);
        assertThat(forgedId.getBody()).contains("contains a control character (U+000D)");
        assertThat(forgedType.getStatusCode().value()).isEqualTo(400);
        assertThat(forgedType.getBody()).contains("contains a control character (U+0001)");
        assertThat(stored()).isEqualTo(before);
        assertThat(http.withBasicAuth("admin", TEST_ADMIN_PASSWORD).getForObject("/actuator/prometheus", String.class))
                .doesNotContain("\u0001").doesNotContain("forged");
        assertThat(output.getAll()).doesNotContainPattern("(?m)^(ERROR|INFO) forged");

        // Values from outside that are accepted and logged (in the message or the call's log context) are escaped.
        try (MDC.MDCCloseable ignored = MDC.putCloseable("callConnectionId", "c\nINFO forged-context")) {
            LoggerFactory.getLogger(ForgedCallbacksIT.class).warn("A value from outside: {}", "v\r\nERROR forged-line");
        }
        assertThat(output.getAll()).contains("v\\r\\nERROR forged-line").contains("c\\nINFO forged-context")
                .doesNotContainPattern("(?m)^(ERROR|INFO) forged");
    }

    /** A call of the flow, as an action records it: its id, its key and the callback URL ACS got for it. */
    private record Owned(String id, String key, String url) {
    }

    private Owned owned(ProcessInstance flow) {
        String call = "call-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        transactions.executeWithoutResult(status -> ownership.register(call, flow.getId(), key));
        return new Owned(call, key, callbackUrls.forCall(flow.getId(), key).url());
    }

    private InboxStatus statusOf(String call) {
        List<InboxEntry> events = inbox.ofCall(call);
        return events.isEmpty() ? null : events.get(0).status();
    }

    private long stored() {
        return jdbc.queryForObject("select count(*) from callback_inbox", Long.class);
    }

    private static String event(String id, String type, String call) {
        return "[{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"specversion\":\"1.0\",\"data\":{\"callConnectionId\":\""
                + call + "\"}}]";
    }

    private static String connected(String call) {
        return "[{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"Microsoft.Communication.CallConnected\","
                + "\"specversion\":\"1.0\",\"data\":{\"callConnectionId\":\"" + call + "\",\"serverCallId\":\"s\"}}]";
    }

    private ResponseEntity<String> post(String url, String body) {
        return new SignedCallbacks(http, callbackUrls, emulator).postTo(url, body);
    }
}
