package com.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A valid ACS token is a bearer token, valid for minutes and bound to no call: whoever holds one must still not
 * steer a call of another flow. Each flow's calls post to its own signed callback URL, and an event is taken only
 * at the URL of the flow that owns its call. What a sender invents does not reach metric labels or forge log lines.
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
        String victimsCall = owned(victim);
        long before = stored();

        ResponseEntity<String> forged = post(callbackUrls.forFlow(attacker.getId()), connected(victimsCall));

        assertThat(forged.getStatusCode().value()).isEqualTo(401);
        assertThat(forged.getBody()).contains("not a call of the flow this callback URL was given for");
        assertThat(stored()).isEqualTo(before);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(victim.getId()).count()).isEqualTo(1);

        assertThat(post(callbackUrls.forFlow(victim.getId()), connected(victimsCall)).getStatusCode().value()).isEqualTo(200);
        awaitEnded(victim);
    }

    @Test
    void aCallbackUrlWithoutItsFlowOrWithAForgedSignatureIsRefused() {
        ProcessInstance victim = start("test-wait-connected", Map.of());
        String call = owned(victim);
        String valid = callbackUrls.forFlow(victim.getId());
        String webhook = valid.substring(0, valid.indexOf('?'));
        long before = stored();
        for (String url : List.of(webhook, webhook + "?flow=" + victim.getId(),
                webhook + "?flow=" + victim.getId() + "&sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                valid.replace("flow=" + victim.getId(), "flow=" + UUID.randomUUID()),
                valid + "&flow=" + victim.getId(), valid.replace("&sig=", "&sig=x"))) {
            ResponseEntity<String> response = post(url, connected(call));
            assertThat(response.getStatusCode().value()).as(url).isEqualTo(401);
            assertThat(response.getBody()).as(url).contains("callback URL");
        }
        assertThat(stored()).isEqualTo(before);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(victim.getId()).count()).isEqualTo(1);
    }

    @Test
    void anEventThatCameEarlyToAnotherFlowsUrlIsRejectedWhenTheOwnerIsKnown() {
        ProcessInstance attacker = start("test-wait-connected", Map.of());
        ProcessInstance victim = start("test-wait-connected", Map.of());
        String call = "not-yet-owned-" + UUID.randomUUID();
        assertThat(post(callbackUrls.forFlow(attacker.getId()), connected(call)).getStatusCode().value()).isEqualTo(200);

        transactions.executeWithoutResult(status -> ownership.register(call, victim.getId()));

        await().atMost(Duration.ofSeconds(10)).until(() -> statusOf(call) == InboxStatus.REJECTED);
        InboxEntry rejected = inbox.ofCall(call).get(0);
        assertThat(rejected.reason()).contains("callback URL of flow " + attacker.getId()).contains(victim.getId());
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(victim.getId()).count()).isEqualTo(1);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(attacker.getId()).count()).isEqualTo(1);
    }

    @Test
    void aSenderCannotInventMetricLabelsOrForgeLogLines(CapturedOutput output) {
        String call = "labels-" + UUID.randomUUID();
        String invented = "Microsoft.Communication.Invented\\u0001\\r\\nINFO forged " + UUID.randomUUID();
        String body = "[{\"id\":\"" + UUID.randomUUID() + "\\r\\nERROR forged-line\",\"type\":\"" + invented + "\","
                + "\"specversion\":\"1.0\",\"data\":{\"callConnectionId\":\"" + call + "\"}}]";
        String url = callbackUrls.forFlow("labels-it");
        assertThat(post(url, body).getStatusCode().value()).isEqualTo(200);
        assertThat(post(url, body).getStatusCode().value()).isEqualTo(200); // the redelivery is logged

        String metrics = http.withBasicAuth("admin", TEST_ADMIN_PASSWORD).getForObject("/actuator/prometheus", String.class);
        assertThat(metrics).contains("switchboard_callbacks_received_total{type=\"other\"}")
                .doesNotContain("Invented").doesNotContain("\u0001");
        assertThat(output.getAll()).contains("\\r\\nERROR forged-line")
                .doesNotContainPattern("(?m)^ERROR forged-line");
    }

    private String owned(ProcessInstance flow) {
        String call = "call-" + UUID.randomUUID();
        transactions.executeWithoutResult(status -> ownership.register(call, flow.getId()));
        return call;
    }

    private InboxStatus statusOf(String call) {
        List<InboxEntry> events = inbox.ofCall(call);
        return events.isEmpty() ? null : events.get(0).status();
    }

    private long stored() {
        return jdbc.queryForObject("select count(*) from callback_inbox", Long.class);
    }

    private static String connected(String call) {
        return "[{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"Microsoft.Communication.CallConnected\","
                + "\"specversion\":\"1.0\",\"data\":{\"callConnectionId\":\"" + call + "\",\"serverCallId\":\"s\"}}]";
    }

    private ResponseEntity<String> post(String url, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(emulator.issueCallbackToken());
        return http.postForEntity(url, new HttpEntity<>(body, headers), String.class);
    }
}
