package com.switchboard.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.emulator.AcsEmulator;
import com.switchboard.emulator.EmulatorSettings;
import com.switchboard.emulator.delivery.DeliveredEvent;
import com.switchboard.emulator.telephony.CallOperation;
import com.switchboard.emulator.telephony.CallSnapshot;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Switchboard as it is deployed, in a JVM of its own (the packaged jar), killed with SIGKILL in the middle of its
 * calls (callbacks arriving, actions running) and started again. ACS here retries a callback twice, 200 ms apart,
 * so what it sent while the node was down is lost and only reconciliation can tell the flows; the flows' ring
 * timeouts fall due while it is down, so they would fire before that news if jobs started first. Then: every callback
 * ACS had an answer 2xx for is in the inbox; no action reached ACS twice; every flow ended on the branch the call
 * really took; no call is left live; no incident. On H2 (the embedded default) and, where a database is given, on
 * PostgreSQL.
 */
class CrashIT {

    private static final int CALLS = 30;
    private static final String PASSWORD = "Crash-Test-Pa55word";
    private static final Duration START = Duration.ofSeconds(120);
    private static final String RING_TIMEOUT = "PT15S";

    @TempDir
    Path work;
    private AcsEmulator acs;
    private final List<Process> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void startAcs() {
        acs = AcsEmulator.start(EmulatorSettings.defaults().withPort(0).withAnswerDelay(Duration.ofMillis(1500))
                .withCallbackRetries(2, Duration.ofMillis(200)));
    }

    @AfterEach
    void stopAll() {
        nodes.forEach(Process::destroyForcibly);
        acs.close();
    }

    @Test
    void aKilledNodeLosesNothingAcknowledgedAndItsFlowsEndOnTheRightBranch() throws Exception {
        crashAndRecover(List.of(), "jdbc:h2:file:" + work.resolve("data/switchboard") + ";WRITE_DELAY=0", "sa", "");
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "SWITCHBOARD_TEST_POSTGRES_URL", matches = ".+")
    void onPostgresqlToo() throws Exception {
        String url = System.getenv("SWITCHBOARD_TEST_POSTGRES_URL");
        String user = System.getenv().getOrDefault("SWITCHBOARD_TEST_POSTGRES_USER", "switchboard");
        String password = System.getenv().getOrDefault("SWITCHBOARD_TEST_POSTGRES_PASSWORD", "");
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("drop schema public cascade");
            statement.execute("create schema public");
        }
        crashAndRecover(List.of("--spring.profiles.active=emulator,postgres", "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user, "--spring.datasource.password=" + password), url, user, password);
    }

    private void crashAndRecover(List<String> database, String url, String user, String password) throws Exception {
        int port = freePort();
        Process first = node(port, database, "first");
        List<String> flows = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            flows.add(startFlow(port, "8:acs:crash-callee-" + i, "8:acs:crash-agent-" + i));
        }
        // In the middle of it all: some calls ringing, some connected, participants being added, callbacks arriving.
        await().atMost(Duration.ofSeconds(60)).until(() -> delivered(port).size() >= CALLS);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int acknowledgedBeforeTheCrash = delivered(port).size();
        Thread.sleep(2_000); // ACS gives up on what it sends now

        Process second = node(port, database, "second");
        try {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> finishedFlows(port) == CALLS);
        } catch (ConditionTimeoutException e) {
            second.destroy(); // H2 lets one process at a time open its file
            second.waitFor(60, TimeUnit.SECONDS);
            throw new AssertionError("not every flow ended after the restart; " + whereTheyWait(url, user, password, flows)
                    + "\nthe second node's warnings:\n" + warnings("second"), e);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> acs.calls().stream()
                .allMatch(call -> "disconnected".equals(call.state())));
        second.destroy();
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();

        List<CallSnapshot> calls = acs.calls();
        long lost = acs.deliveredEvents().stream().filter(event -> !event.delivered())
                .filter(event -> event.callbackUri().startsWith("http://localhost:" + port + "/")).count();
        assertThat(lost).as("callbacks ACS gave up on while the node was down: the case this test is about").isPositive();
        Set<String> acknowledged = delivered(port).stream().map(this::eventId).collect(Collectors.toSet());
        assertThat(acknowledged.size()).isGreaterThanOrEqualTo(acknowledgedBeforeTheCrash);
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            JdbcTemplate db = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
            Set<String> stored = new HashSet<>(db.queryForList("select event_id from callback_inbox", String.class));
            assertThat(acknowledged).as("callbacks answered 2xx are in the inbox").isSubsetOf(stored);

            // The branch each call really took: every callee and every agent answered.
            assertThat(db.queryForObject("select count(*) from ACT_HI_ACTINST where ACT_ID_ = 'callCompleted' and "
                    + "PROC_INST_ID_ in (" + quoted(flows) + ")", Integer.class)).as(ends(db, flows)).isEqualTo(CALLS);
            assertThat(db.queryForObject("select count(*) from ACT_RU_INCIDENT", Integer.class)).isZero();
            int reconciled = db.queryForObject("select count(*) from callback_inbox where origin = 'RECONCILED'", Integer.class);
            System.out.printf("CrashIT: %d callbacks acknowledged, %d lost while the node was down, %d reconciled%n",
                    acknowledged.size(), lost, reconciled);
        }
        for (String flowTarget : targets()) {
            List<CallSnapshot> made = calls.stream().filter(call -> call.targets().contains(flowTarget)).toList();
            assertThat(made).as("calls to " + flowTarget).hasSize(1);
            Map<String, Long> operations = made.get(0).operations().stream()
                    .collect(Collectors.groupingBy(CallOperation::name, Collectors.counting()));
            assertThat(operations.get("AddParticipant")).as("invitations in " + made.get(0).callConnectionId()).isEqualTo(1);
        }
        assertThat(calls).allMatch(call -> "disconnected".equals(call.state()));
    }

    /** For a failure: where each unfinished flow waits, its call's inbox rows and what ACS says of the call. */
    private String whereTheyWait(String url, String user, String password, List<String> flows) {
        StringBuilder out = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            JdbcTemplate db = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
            for (String flow : flows) {
                List<String> waits = db.queryForList("select ACT_ID_ from ACT_RU_EXECUTION where PROC_INST_ID_ = ? and "
                        + "ACT_ID_ is not null", String.class, flow);
                if (waits.isEmpty()) {
                    continue;
                }
                List<String> calls = db.queryForList("select call_connection_id from call_owner where "
                        + "process_instance_id = ?", String.class, flow);
                out.append("\nflow ").append(flow).append(" waits in ").append(waits).append(", jobs ")
                        .append(db.queryForList("select concat(coalesce(HANDLER_TYPE_, ''), ' retries=', RETRIES_, ' lock=', "
                                + "coalesce(LOCK_OWNER_, '-'), ' ', coalesce(EXCEPTION_MSG_, '')) from ACT_RU_JOB where "
                                + "PROCESS_INSTANCE_ID_ = ?", String.class, flow));
                for (String call : calls) {
                    out.append("\n  call ").append(call).append(": ACS says ").append(acs.calls().stream()
                            .filter(made -> made.callConnectionId().equals(call)).map(made -> made.state() + " "
                                    + made.operations().stream().map(CallOperation::name).toList()).toList());
                    db.queryForList("select concat(event_type, ' ', status, ' ', origin) from callback_inbox where "
                            + "call_connection_id = ? order by received_at", String.class, call)
                            .forEach(row -> out.append("\n    inbox: ").append(row));
                }
            }
        } catch (SQLException | RuntimeException e) {
            out.append("\n(could not read the database: ").append(e).append(')');
        }
        return out.toString();
    }

    private String warnings(String node) {
        try (Stream<String> lines = Files.lines(work.resolve(node + ".log"))) {
            List<String> found = lines.filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")).toList();
            return String.join("\n", found.subList(Math.max(0, found.size() - 40), found.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static List<String> targets() {
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            targets.add("8:acs:crash-callee-" + i);
        }
        return targets;
    }

    private String ends(JdbcTemplate db, List<String> flows) {
        return db.queryForList("select ACT_ID_ from ACT_HI_ACTINST where ACT_TYPE_ = 'noneEndEvent' and PROC_INST_ID_ in ("
                + quoted(flows) + ")", String.class).toString();
    }

    private static String quoted(List<String> ids) {
        return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
    }

    private List<DeliveredEvent> delivered(int port) {
        return acs.deliveredEvents().stream().filter(DeliveredEvent::delivered)
                .filter(event -> event.callbackUri().startsWith("http://localhost:" + port + "/")).toList();
    }

    private String eventId(DeliveredEvent event) {
        try {
            JsonNode json = mapper.readTree(event.event());
            return (json.isArray() ? json.get(0) : json).path("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Switchboard from the packaged jar, as deployed, with ACS being the emulator of this test. */
    private Process node(int port, List<String> database, String name) throws Exception {
        Path jar;
        try (Stream<Path> jars = Files.list(Path.of("target"))) {
            jar = jars.filter(path -> path.getFileName().toString().matches("switchboard-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no packaged jar in target/: run mvn verify"));
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toAbsolutePath().toString(),
                "--server.port=" + port,
                "--switchboard.emulator.enabled=false",
                "--switchboard.acs.connection-string=" + acs.connectionString(),
                "--switchboard.acs.resource-id=" + acs.resourceId(),
                "--switchboard.callbacks.authentication.openid-configuration-url=" + acs.openIdConfigurationUrl(),
                "--camunda.bpm.admin-user.password=" + PASSWORD,
                "--camunda.bpm.job-execution.lock-time-in-millis=5000",
                "--switchboard.callbacks.reconcile.after=5s",
                "--switchboard.callbacks.reconcile.interval=2s",
                "--logging.level.com.azure=warn"));
        command.addAll(database);
        Process node = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile()).start();
        nodes.add(node);
        await().atMost(START).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(node.isAlive()).as("the node runs; its log: " + work.resolve(name + ".log")).isTrue();
            return status(port, "/actuator/health/readiness") == 200;
        });
        return node;
    }

    private String startFlow(int port, String target, String participant) throws Exception {
        // A ring timeout shorter than the node is down: the timers of calls whose CallConnected was lost are due
        // when it comes back, and the catch-up must deliver the answer (reconciled) before any of them fires.
        String body = "{\"variables\": {\"target\": {\"value\": \"" + target + "\"}, \"participant\": {\"value\": \""
                + participant + "\"}, \"ringTimeout\": {\"value\": \"" + RING_TIMEOUT + "\"}}}";
        HttpResponse<String> response = http.send(request(port, "/engine-rest/process-definition/key/outbound-call/start")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return mapper.readTree(response.body()).path("id").asText();
    }

    private int finishedFlows(int port) throws Exception {
        HttpResponse<String> response = http.send(request(port,
                        "/engine-rest/history/process-instance/count?processDefinitionKey=outbound-call&finished=true").build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? mapper.readTree(response.body()).path("count").asInt() : -1;
    }

    private int status(int port, String path) {
        try {
            return http.send(request(port, path).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
