package com.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.switchboard.SwitchboardIntegrationTest;
import com.switchboard.emulator.AcsEmulator;
import com.switchboard.emulator.EmulatorSettings;
import com.switchboard.emulator.delivery.EventGridSchema;
import com.switchboard.emulator.telephony.IncomingCallRequest;
import com.switchboard.emulator.telephony.IncomingCallResult;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/**
 * The Event Grid webhook with a shared secret in its URL, and a whole run of the application (start-up, an
 * outbound call, an incoming call) whose log must not show any secret.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "switchboard.incoming.secret=" + SecretsIT.EVENT_GRID_SECRET)
class SecretsIT extends SwitchboardIntegrationTest {

    static final String EVENT_GRID_SECRET = "Eg-Subscription-Secret-7";

    @Autowired
    AcsEmulator emulator;
    @Autowired
    TestRestTemplate http;
    @LocalServerPort
    int port;

    @Test
    void theEventGridWebhookNeedsTheSecretOfItsSubscriptionUrl() {
        HttpHeaders origin = new HttpHeaders();
        origin.set("WebHook-Request-Origin", "eventgrid.azure.net");
        assertThat(http.exchange("/api/incoming-calls", HttpMethod.OPTIONS, new HttpEntity<>(origin), String.class)
                .getStatusCode().value()).isEqualTo(401);
        assertThat(http.exchange("/api/incoming-calls?secret=wrong", HttpMethod.OPTIONS, new HttpEntity<>(origin), String.class)
                .getStatusCode().value()).isEqualTo(401);
        assertThat(http.exchange("/api/incoming-calls?secret=" + EVENT_GRID_SECRET, HttpMethod.OPTIONS,
                new HttpEntity<>(origin), String.class).getStatusCode().value()).isEqualTo(200);

        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        json.set("aeg-event-type", "Notification");
        assertThat(http.postForEntity("/api/incoming-calls", new HttpEntity<>("[]", json), String.class)
                .getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void aWholeRunLogsNoSecret(CapturedOutput output) {
        ProcessInstance call = start("outbound-call", Map.of("target", "+14255550123", "callerId", "+14255550100",
                "participant", "8:acs:agent-9"));
        awaitEnded(call);

        emulator.setEventGridSubscription("http://localhost:" + port + "/api/incoming-calls?secret=" + EVENT_GRID_SECRET,
                EventGridSchema.EVENT_GRID);
        IncomingCallResult incoming = emulator.placeIncomingCall(IncomingCallRequest.of("+14255550123", "+19999999999"));
        await().atMost(FLOW_TIMEOUT).until(() ->
                history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(incoming.correlationId()).finished().count() == 1);

        String callConnectionId = (String) variable(call, "callConnectionId");
        assertThat(output.getAll())
                .as("the run's log was captured")
                .contains("Create call done in task createCall").contains("call=" + callConnectionId)
                .doesNotContain(TEST_ADMIN_PASSWORD)
                .doesNotContain(EVENT_GRID_SECRET)
                .doesNotContain("Bearer ey");
        // The emulator's development key is published (README, docker-compose): its start-up line gives the whole
        // connection string for other SDKs, and no other line may carry the key.
        assertThat(output.getAll().lines().filter(line -> line.contains(EmulatorSettings.DEFAULT_ACCESS_KEY)))
                .allSatisfy(line -> assertThat(line).contains("connection string for any Call Automation SDK"));
    }
}
