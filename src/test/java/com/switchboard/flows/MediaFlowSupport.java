package com.switchboard.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.SwitchboardIntegrationTest;
import com.switchboard.emulator.AcsEmulator;
import com.switchboard.emulator.EmulatorSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What the tests of the media example flows share: starting a flow over the engine REST API as a client does,
 * waiting for a flow to reach a wait, letting a timer's time pass at once, and reading what the emulator says the
 * call's participants heard and did.
 */
abstract class MediaFlowSupport extends SwitchboardIntegrationTest {

    protected static final String CALLER_ID = "+14255550100";
    private static final String EMULATOR_CERTIFICATE = "emulator/emulator-cert.pem";
    private static final DateTimeFormatter HMAC_DATE = DateTimeFormatter.ofPattern("E, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    @Autowired
    protected AcsEmulator emulator;
    @Autowired
    protected ManagementService management;
    @Autowired
    protected TestRestTemplate http;
    @Autowired
    protected ObjectMapper mapper;

    /** Starts the flow over the engine REST API; the start must be accepted. */
    protected ProcessInstance startOverRest(String flow, Map<String, Object> variables) {
        ResponseEntity<JsonNode> started = postStart(flow, variables);
        assertThat(started.getStatusCode().value()).as("%s", started.getBody()).isEqualTo(200);
        String id = started.getBody().path("id").asText();
        return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    protected ResponseEntity<JsonNode> postStart(String flow, Map<String, Object> variables) {
        ObjectNode body = mapper.createObjectNode();
        ObjectNode values = body.putObject("variables");
        variables.forEach((name, value) -> values.putObject(name).put("value", String.valueOf(value)));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth("admin", TEST_ADMIN_PASSWORD).postForEntity(
                "/engine-rest/process-definition/key/{key}/start", new HttpEntity<>(body, headers), JsonNode.class, flow);
    }

    /** Waits until the flow waits at the activity (an event-based gateway, a timer, ...). */
    protected void awaitWaitingAt(ProcessInstance flow, String activityId) {
        await().atMost(FLOW_TIMEOUT).until(() -> runtime.getActiveActivityIds(flow.getId()).contains(activityId));
    }

    /** The timer of the catch event is due now: the test does not wait its minutes. */
    protected void timePasses(ProcessInstance flow, String timerEventId) {
        await().atMost(FLOW_TIMEOUT).until(() -> timer(flow, timerEventId) != null);
        management.executeJob(timer(flow, timerEventId).getId());
    }

    private Job timer(ProcessInstance flow, String timerEventId) {
        return management.createJobQuery().processInstanceId(flow.getId()).activityId(timerEventId).timers()
                .singleResult();
    }

    protected String callConnectionId(ProcessInstance flow) {
        Object live = runtime.createProcessInstanceQuery().processInstanceId(flow.getId()).count() == 1
                ? runtime.getVariable(flow.getId(), "callConnectionId") : null;
        return (String) (live != null ? live : variable(flow, "callConnectionId"));
    }

    /**
     * What the call's participants heard and did, in order: {@code GET /emulator/calls/{callConnectionId}/media} of
     * the emulator's control API.
     */
    protected JsonNode media(String callConnectionId) {
        HttpResponse<String> response = emulatorRequest("GET", "/emulator/calls/" + encode(callConnectionId) + "/media",
                null, Map.of());
        assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(200);
        return read(response.body());
    }

    /**
     * The participant presses keys now, as the caller would: {@code POST
     * /emulator/calls/{callConnectionId}/participants/{rawId}:press}.
     */
    protected void press(String callConnectionId, String rawId, String tones) {
        HttpResponse<String> response = emulatorRequest("POST", "/emulator/calls/" + encode(callConnectionId)
                + "/participants/" + encode(rawId) + ":press", mapper.createObjectNode().put("tones", tones).toString(),
                Map.of());
        assertThat(response.statusCode()).as("%s", response.body()).isBetween(200, 299);
    }

    /**
     * Whether ACS lists the participant as on hold: {@code isOnHold} of the call's participant list at api-version
     * 2026-03-12, asked as any ACS client asks (HMAC-signed).
     */
    protected boolean onHold(String callConnectionId, String rawId) {
        HttpResponse<String> response = signedGet("/calling/callConnections/" + encode(callConnectionId)
                + "/participants?api-version=2026-03-12");
        assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(200);
        for (JsonNode participant : read(response.body()).path("value")) {
            if (participant.path("identifier").path("rawId").asText().equals(rawId)) {
                return participant.path("isOnHold").asBoolean(false);
            }
        }
        throw new AssertionError(rawId + " is not in the call " + callConnectionId + ": " + response.body());
    }

    private HttpResponse<String> signedGet(String pathAndQuery) {
        try {
            URI uri = URI.create(emulator.endpoint()).resolve(pathAndQuery);
            String contentHash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(new byte[0]));
            String date = HMAC_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
            String toSign = "GET\n" + uri.getRawPath() + "?" + uri.getRawQuery() + "\n" + date + ";" + uri.getHost() + ";"
                    + contentHash;
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(EmulatorSettings.DEFAULT_ACCESS_KEY), "HmacSHA256"));
            String signature = Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
            return emulatorRequest("GET", pathAndQuery, null, Map.of("x-ms-date", date, "x-ms-content-sha256", contentHash,
                    "Authorization", "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + signature));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> emulatorRequest(String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.endpoint()).resolve(path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return trustingTheEmulator().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A JDK HTTP client that trusts the emulator's self-signed certificate. */
    private static HttpClient trustingTheEmulator() {
        try (InputStream certificate = MediaFlowSupport.class.getClassLoader().getResourceAsStream(EMULATOR_CERTIFICATE)) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("emulator", CertificateFactory.getInstance("X.509").generateCertificate(certificate));
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trustManagers.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(tls).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text, URL or SSML of every play source the call's participants heard (prompts, hold music), in order. */
    protected List<String> heard(String callConnectionId) {
        List<String> sources = new ArrayList<>();
        collectSources(media(callConnectionId).path("prompts"), sources);
        return sources;
    }

    private static void collectSources(JsonNode node, List<String> sources) {
        node.properties().forEach(field -> {
            if (List.of("text", "url", "ssml").contains(field.getKey()) && field.getValue().isTextual()) {
                sources.add(field.getValue().asText());
            } else {
                collectSources(field.getValue(), sources);
            }
        });
        if (node.isArray()) {
            node.forEach(element -> collectSources(element, sources));
        }
    }
}
