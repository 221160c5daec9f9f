package com.switchboard.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.switchboard.SwitchboardApplication;
import com.switchboard.emulator.AcsEmulator;
import com.switchboard.emulator.EmulatorSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two Switchboard nodes on one PostgreSQL database, as in production: flows started on node 1 get their
 * callbacks on node 2 (as a load balancer may send them) and finish; node 1 stops in the middle of its calls
 * and node 2 finishes them, jobs and events included. Needs a PostgreSQL database named by
 * SWITCHBOARD_TEST_POSTGRES_URL (with _USER and _PASSWORD); its schema is emptied first.
 */
@EnabledIfEnvironmentVariable(named = "SWITCHBOARD_TEST_POSTGRES_URL", matches = ".+")
class ClusterIT {

    private static final int CALLS = 20;

    private final String url = System.getenv("SWITCHBOARD_TEST_POSTGRES_URL");
    private final String user = System.getenv().getOrDefault("SWITCHBOARD_TEST_POSTGRES_USER", "switchboard");
    private final String password = System.getenv().getOrDefault("SWITCHBOARD_TEST_POSTGRES_PASSWORD", "");
    private AcsEmulator acs;

    @BeforeEach
    void startAcsOnAnEmptyDatabase() throws SQLException {
        acs = AcsEmulator.start(EmulatorSettings.defaults().withPort(0).withAnswerDelay(Duration.ofSeconds(2))
                .withCallbackRetries(12, Duration.ofMillis(200)));
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("drop schema public cascade");
            statement.execute("create schema public");
        }
    }

    @AfterEach
    void stopAcs() {
        acs.close();
    }

    @Test
    void callbacksLandOnEitherNodeAndASurvivingNodeFinishesTheCallsOfAStoppedOne() throws IOException {
        int port1 = freePort();
        int port2 = freePort();
        try (ConfigurableApplicationContext node2 = node(port2, port2)) {
            Set<String> flows = new HashSet<>();
            MeterRegistry node2Meters = node2.getBean(MeterRegistry.class);
            try (ConfigurableApplicationContext node1 = node(port1, port2)) {
                RuntimeService runtime = node1.getBean(RuntimeService.class);
                for (int i = 0; i < CALLS; i++) {
                    flows.add(runtime.startProcessInstanceByKey("outbound-call", Map.of("target", "8:acs:cluster-customer-" + i,
                            "participant", "8:acs:cluster-agent-" + i)).getId());
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> acs.calls().size() >= CALLS / 2);
            }
            HistoryService history = node2.getBean(HistoryService.class);
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    history.createHistoricProcessInstanceQuery().processInstanceIds(flows).completed().count() == CALLS);
            assertThat(history.createHistoricActivityInstanceQuery().activityId("callCompleted").count()).isEqualTo(CALLS);
            assertThat(node2Meters.find("switchboard.callbacks.received").counters().stream()
                    .mapToDouble(counter -> counter.count()).sum()).as("callbacks taken by node 2").isPositive();
        }
    }

    /** A node whose ACS callbacks go to {@code callbackPort} (its own, or the other node's). */
    private ConfigurableApplicationContext node(int port, int callbackPort) {
        return new SpringApplicationBuilder(SwitchboardApplication.class)
                .profiles("emulator", "test", "postgres")
                .run("--server.port=" + port,
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + user,
                        "--spring.datasource.password=" + password,
                        "--switchboard.emulator.enabled=false",
                        "--switchboard.acs.connection-string=" + acs.connectionString(),
                        "--switchboard.acs.resource-id=" + acs.resourceId(),
                        "--switchboard.acs.callback-url=http://localhost:" + callbackPort + "/api/callbacks",
                        "--switchboard.callbacks.authentication.openid-configuration-url=" + acs.openIdConfigurationUrl(),
                        "--camunda.bpm.job-execution.lock-time-in-millis=5000");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
