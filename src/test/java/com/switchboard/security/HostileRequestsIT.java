package com.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.switchboard.SwitchboardIntegrationTest;
import com.switchboard.callbacks.CallbackUrls;
import com.switchboard.emulator.AcsEmulator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Requests an attacker writes by hand: other spellings of a protected path, bodies larger than the limit (declared,
 * chunked, behind another spelling), a huge body without credentials, a body that trickles in. Each is refused,
 * and nothing of it is stored.
 */
@TestPropertySource(properties = "switchboard.webhooks.body-read-timeout=2s")
class HostileRequestsIT extends SwitchboardIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    AcsEmulator emulator;
    @Autowired
    CallbackUrls callbackUrls;
    @Autowired
    JdbcTemplate jdbc;

    private RawHttp http() {
        return new RawHttp(port);
    }

    /** The operator API under every spelling: refused by the firewall (400) or checked like the canonical one (401). */
    @ParameterizedTest
    @ValueSource(strings = {"/api/callbacks", "/api/callbacks?status=PENDING", "/api/%63allbacks", "/api/callback%73",
            "/%61pi/callbacks/unmatched", "/api/callbacks/unmatched", "/api/callbacks/", "/API/callbacks",
            "/api/callbacks;jsessionid=1", "/api;x=1/callbacks", "/api/callbacks/;/unmatched", "//api/callbacks",
            "/api//callbacks", "/api/./callbacks", "/api/x/../callbacks", "/api/callbacks%2Funmatched",
            "/api/callbacks%2funmatched", "/api/callbacks/unmatched%00", "/api/callbacks%5Cunmatched",
            "/api/%2e/callbacks", "/api/callbacks/%2e%2e/callbacks", "/engine-rest/process-instance",
            "/engine-rest/%70rocess-instance", "/engine-rest;x=1/process-instance", "/actuator/prometheus",
            "/actuator/%70rometheus", "/actuator/health/../prometheus"})
    void noSpellingReadsTheOperatorApiWithoutCredentials(String path) throws IOException {
        RawHttp.Response response = http().get(path);
        assertThat(response.status()).as(path).isIn(400, 401, 404);
        assertThat(response.body()).as(path).doesNotContain("callConnectionId").doesNotContain("switchboard_callbacks");
        assertThat(response.header("Content-Type")).as(path + ": refused as a problem, whoever refused it")
                .startsWith("application/problem+json");
        assertThat(response.body()).as(path).doesNotContain("<html").doesNotContain("Tomcat");
    }

    @Test
    void theCanonicalOperatorPathAnswersASignedInOperator() throws IOException {
        String admin = RawHttp.basic("admin", TEST_ADMIN_PASSWORD);
        assertThat(http().get("/api/%63allbacks/unmatched", "Authorization: " + admin).status()).isEqualTo(200);
        assertThat(http().get("/api/callbacks/unmatched", "Authorization: " + admin).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/callbacks", "/api/%63allbacks", "/api/callback%73"})
    void aChunkedCallbackBodyOverTheLimitIs413UnderEverySpelling(String path) throws IOException {
        long before = stored();
        String query = URI.create(callbackUrls.forCall("hostile-it", "call").url()).getRawQuery();
        StringBuilder head = new StringBuilder("POST " + path + "?" + query + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + emulator.issueCallbackToken() + "\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        byte[] chunk = ("8000\r\n" + "x".repeat(0x8000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        RawHttp.Response response;
        try (Socket socket = http().open(Duration.ofSeconds(20))) {
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            try {
                for (int i = 0; i < 10; i++) { // 320 KB, over the 256 KB limit
                    out.write(chunk);
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException closedEarly) {
                // the server may answer and close before the rest is sent
            }
            response = RawHttp.read(socket.getInputStream());
        }
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(stored()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/incoming-calls", "/api/%69ncoming-calls", "/api/incoming%2Dcalls"})
    void anEventGridBodyOverTheLimitIs413UnderEverySpelling(String path) throws IOException {
        RawHttp.Response response = http().post(path, "[" + " ".repeat(300 * 1024) + "]", "aeg-event-type: Notification");
        assertThat(response.status()).as(path).isEqualTo(413);
    }

    @Test
    void aHugeDeclaredBodyWithoutATokenIsRefusedBeforeItIsRead() throws IOException {
        long before = stored();
        String head = "POST /api/callbacks HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 629145600\r\n\r\n";
        long started = System.nanoTime();
        RawHttp.Response response = http().exchange(head, "[{".getBytes(StandardCharsets.US_ASCII));
        assertThat(response.status()).isEqualTo(401);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aHugeDeclaredBodyWithAValidTokenIs413BeforeItIsRead() throws IOException {
        String query = URI.create(callbackUrls.forCall("hostile-it", "call").url()).getRawQuery();
        String head = "POST /api/callbacks?" + query + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer " + emulator.issueCallbackToken() + "\r\nContent-Length: 629145600\r\n\r\n";
        assertThat(http().exchange(head, "[{".getBytes(StandardCharsets.US_ASCII)).status()).isEqualTo(413);
    }

    @Test
    void aBodyThatTricklesInIsCutOffAtTheReadDeadline() throws Exception {
        long before = stored();
        String query = URI.create(callbackUrls.forCall("hostile-it", "call").url()).getRawQuery();
        String event = "[{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"Microsoft.Communication.CallConnected\","
                + "\"specversion\":\"1.0\",\"data\":{\"callConnectionId\":\"slow-" + UUID.randomUUID() + "\"}}]";
        byte[] body = event.getBytes(StandardCharsets.US_ASCII);
        String head = "POST /api/callbacks?" + query + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer " + emulator.issueCallbackToken() + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        long started = System.nanoTime();
        RawHttp.Response response;
        try (Socket socket = http().open(Duration.ofSeconds(20))) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            Thread trickle = new Thread(() -> {
                try {
                    for (byte b : body) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(500);
                    }
                } catch (IOException | InterruptedException stopped) {
                    // cut off by the server, as it should be
                }
            });
            trickle.setDaemon(true);
            trickle.start();
            response = RawHttp.read(socket.getInputStream());
            trickle.interrupt();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(response.status()).isEqualTo(408);
        // The deadline is 2 s here; the body would have taken a minute.
        assertThat(took).isLessThan(Duration.ofSeconds(8));
        assertThat(stored()).isEqualTo(before);
    }

    /** A sender with genuine credentials that posts under the webhook's path hears that the path is wrong, as a 404. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/callbacks/", "/api/callbacks/unmatched", "/api/callbacks/x/y", "/api/%63allbacks/"})
    void aCallbackPostedBesideTheWebhookIs404AndStoresNothing(String path) throws IOException {
        long before = stored();
        String query = URI.create(callbackUrls.forCall("hostile-it", "call").url()).getRawQuery();
        String body = "[{\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"calling/callConnections/c-1\","
                + "\"type\":\"Microsoft.Communication.ParticipantsUpdated\",\"specversion\":\"1.0\","
                + "\"data\":{\"callConnectionId\":\"c-1\"}}]";
        RawHttp.Response response = http().post(path + "?" + query, body,
                "Authorization: Bearer " + emulator.issueCallbackToken());
        assertThat(response.status()).as(path).isEqualTo(404);
        assertThat(response.header("Content-Type")).as(path).startsWith("application/problem+json");
        assertThat(response.body()).as(path).contains("No such webhook").contains("/api/callbacks")
                .doesNotContain("Sign in");
        assertThat(stored()).isEqualTo(before);
    }

    /** The Event Grid webhook likewise: a path below it is a 404 from the webhook, before any secret is asked for. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/incoming-calls/", "/api/incoming-calls/x", "/api/%69ncoming-calls/"})
    void anEventGridDeliveryBesideTheWebhookIs404(String path) throws IOException {
        RawHttp.Response response = http().post(path, "[]", "aeg-event-type: Notification");
        assertThat(response.status()).as(path).isEqualTo(404);
        assertThat(response.header("Content-Type")).as(path).startsWith("application/problem+json");
        assertThat(response.body()).as(path).contains("No such webhook").contains("/api/incoming-calls");
    }

    @Test
    void unknownPathsNeedASignedInUserToo() throws IOException {
        assertThat(http().get("/nothing-here").status()).isEqualTo(401);
        assertThat(http().get("/", "Accept: text/html").status()).isIn(200, 302);
        assertThat(http().get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    private long stored() {
        return jdbc.queryForObject("select count(*) from callback_inbox", Long.class);
    }
}
