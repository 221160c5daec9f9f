package com.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** What operators watch: health probes, Prometheus metrics that move with a call, log lines that name the call. */
@ExtendWith(OutputCaptureExtension.class)
class OperationsIT extends SwitchboardIntegrationTest {

    @Autowired
    TestRestTemplate http;

    @Test
    void probesAreUpWithTheDatabaseAndAcsReachable() {
        assertThat(http.getForObject("/actuator/health/liveness", String.class)).contains("\"UP\"");
        String readiness = http.getForObject("/actuator/health/readiness", String.class);
        assertThat(readiness).contains("\"status\":\"UP\"");
    }

    @Test
    void everyLogLineOfACallNamesTheCallTheFlowAndTheCorrelationId(CapturedOutput output) {
        ProcessInstance call = start("outbound-call", Map.of("target", "8:acs:logged-customer",
                "participant", "8:acs:logged-agent"));
        awaitEnded(call);
        String callConnectionId = (String) variable(call, "callConnectionId");
        String correlationId = (String) variable(call, "correlationId");
        List<String> actionLines = output.getAll().lines().filter(line -> line.contains("actions.CallAction")
                && line.contains("flow=" + call.getId())).toList();
        assertThat(actionLines).hasSizeGreaterThanOrEqualTo(3).allSatisfy(line -> assertThat(line)
                .contains("call=" + callConnectionId).contains("corr=" + correlationId));
    }

    @Test
    void metricsMoveWithACall() {
        String before = http.withBasicAuth("admin", TEST_ADMIN_PASSWORD).getForObject("/actuator/prometheus", String.class);
        ProcessInstance call = start("outbound-call", Map.of("target", "8:acs:metrics-customer",
                "participant", "8:acs:metrics-agent"));
        awaitEnded(call);
        String after = http.withBasicAuth("admin", TEST_ADMIN_PASSWORD).getForObject("/actuator/prometheus", String.class);

        assertThat(sum(after, "switchboard_callbacks_received_total")).isGreaterThan(sum(before, "switchboard_callbacks_received_total"));
        assertThat(sum(after, "switchboard_acs_requests_seconds_count")).isGreaterThanOrEqualTo(
                sum(before, "switchboard_acs_requests_seconds_count") + 3);
        assertThat(after).contains("operation=\"POST /calling/callConnections\"")
                .contains("operation=\"POST /calling/callConnections/{id}/participants:add\"");
        assertThat(sum(after, "switchboard_correlation_latency_seconds_count"))
                .isGreaterThan(sum(before, "switchboard_correlation_latency_seconds_count"));
        assertThat(after).contains("switchboard_correlation_latency_seconds_bucket")
                .contains("switchboard_calls_live").contains("switchboard_callbacks_inbox_pending");
    }

    /** The sum of a metric's samples over all its tags in a Prometheus scrape (0 when absent). */
    private static double sum(String scrape, String metric) {
        Matcher samples = Pattern.compile("(?m)^" + Pattern.quote(metric) + "(\\{.*})? ([0-9.eE+-]+)$").matcher(scrape);
        double total = 0;
        while (samples.find()) {
            total += Double.parseDouble(samples.group(2));
        }
        return total;
    }
}
