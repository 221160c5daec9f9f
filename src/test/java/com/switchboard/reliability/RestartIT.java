package com.switchboard.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.switchboard.SwitchboardApplication;
import com.switchboard.emulator.AcsEmulator;
import com.switchboard.emulator.EmulatorSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Switchboard stops in the middle of 100 live calls and starts again on the same H2 file database: every
 * flow continues and finishes. The emulator stands apart, as ACS does, and keeps retrying the callbacks
 * the stopped node did not take; events stored but not yet correlated are picked up after the restart.
 */
class RestartIT {

    private static final int CALLS = 100;

    private AcsEmulator acs;
    private Path database;
    private int port;

    @BeforeEach
    void startAcs() throws IOException {
        acs = AcsEmulator.start(EmulatorSettings.defaults().withPort(0).withAnswerDelay(Duration.ofSeconds(2))
                .withCallbackRetries(12, Duration.ofMillis(200)));
        database = Files.createTempDirectory("switchboard-restart");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
    }

    @AfterEach
    void stopAcs() {
        acs.close();
    }

    @Test
    void everyFlowFinishesAfterARestartInTheMiddleOfItsCall() {
        List<String> flows = new ArrayList<>();
        try (ConfigurableApplicationContext first = switchboard()) {
            RuntimeService runtime = first.getBean(RuntimeService.class);
            for (int i = 0; i < CALLS; i++) {
                flows.add(runtime.startProcessInstanceByKey("outbound-call", Map.of("target", "8:acs:customer-" + i,
                        "participant", "8:acs:agent-" + i)).getId());
            }
            // Some calls are created and ringing, none answered yet (2 s answer delay): stop now.
            await().atMost(Duration.ofSeconds(30)).until(() -> acs.calls().size() >= CALLS / 4);
        }
        assertThat(acs.calls()).isNotEmpty();

        try (ConfigurableApplicationContext second = switchboard()) {
            HistoryService history = second.getBean(HistoryService.class);
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    history.createHistoricProcessInstanceQuery().processInstanceIds(new java.util.HashSet<>(flows))
                            .completed().count() == CALLS);
            assertThat(history.createHistoricActivityInstanceQuery().activityId("callCompleted").count()).isEqualTo(CALLS);
        }
    }

    private ConfigurableApplicationContext switchboard() {
        return new SpringApplicationBuilder(SwitchboardApplication.class)
                .profiles("emulator", "test")
                .run("--server.port=" + port,
                        "--spring.datasource.url=jdbc:h2:file:" + database.resolve("switchboard") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
                        "--switchboard.emulator.enabled=false",
                        "--switchboard.acs.connection-string=" + acs.connectionString(),
                        "--switchboard.acs.resource-id=" + acs.resourceId(),
                        "--switchboard.callbacks.authentication.openid-configuration-url=" + acs.openIdConfigurationUrl(),
                        "--camunda.bpm.job-execution.lock-time-in-millis=5000");
    }
}
