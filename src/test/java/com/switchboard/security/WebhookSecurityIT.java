package com.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.switchboard.SwitchboardIntegrationTest;
import com.switchboard.callbacks.CallbackUrls;
import com.switchboard.emulator.AcsEmulator;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Only ACS can drive a call, only Camunda users can read or start: the bad-input and forged-token table
 * of the security issue, each a request against the running application.
 */
class WebhookSecurityIT extends SwitchboardIntegrationTest {

    private static final String ISSUER = "https://acscallautomation.communication.azure.com";

    @Autowired
    TestRestTemplate http;
    @Autowired
    AcsEmulator emulator;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CallbackUrls callbackUrls;

    @Test
    void aCallbackWithoutTokenIsRefusedAndNothingStored() {
        long before = stored();
        ResponseEntity<String> response = postCallback(event(), null);
        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).contains("No bearer token");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aTokenSignedWithAKeyOutsideTheJwksIsRefused() throws Exception {
        RSAKey foreign = new RSAKeyGenerator(2048).keyID("not-published").generate();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(foreign.getKeyID()).build(),
                claims(emulator.resourceId(), Instant.now().plusSeconds(300)));
        token.sign(new RSASSASigner(foreign));
        assertRefused(token.serialize());
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertRefused(emulator.signCallbackToken(claims("another-resource", Instant.now().plusSeconds(300))));
    }

    @Test
    void anExpiredTokenIsRefused() {
        assertRefused(emulator.signCallbackToken(claims(emulator.resourceId(), Instant.now().minusSeconds(600))));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(claims(emulator.resourceId(), Instant.now().plusSeconds(300)))
                .issuer("https://evil.example").build();
        assertRefused(emulator.signCallbackToken(claims));
    }

    @Test
    void aValidTokenIsAccepted() {
        assertThat(postCallback(event(), emulator.issueCallbackToken()).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void afterAKeyRotationCallsStillWork() {
        emulator.rotateSigningKey();
        ProcessInstance flow = start("hang-up-for-everyone", Map.of("targets", "8:acs:rotation-check"));
        awaitEnded(flow);
        assertThat(activities(flow.getId())).contains("callCompleted");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413AndNothingStored() {
        long before = stored();
        String huge = "[" + event().replace("\"data\":{", "\"data\":{\"padding\":\"" + "x".repeat(300 * 1024) + "\",") + "]";
        ResponseEntity<String> response = postRaw(huge, emulator.issueCallbackToken());
        assertThat(response.getStatusCode().value()).isEqualTo(413);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void tooManyEventsInOneDeliveryAreRefusedWith413() {
        long before = stored();
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 51; i++) {
            body.append(i == 0 ? "" : ",").append(event());
        }
        ResponseEntity<String> response = postRaw(body.append("]").toString(), emulator.issueCallbackToken());
        assertThat(response.getStatusCode().value()).isEqualTo(413);
        assertThat(response.getBody()).contains("at most 50");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void anUnknownEventTypeIsStoredNotLost() {
        String call = "call-" + UUID.randomUUID();
        String body = "[{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"Microsoft.Communication.SomethingNew\","
                + "\"source\":\"calling/callConnections/" + call + "\",\"specversion\":\"1.0\",\"data\":{\"callConnectionId\":\"" + call + "\"}}]";
        assertThat(postRaw(body, emulator.issueCallbackToken()).getStatusCode().value()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select event_type from callback_inbox where call_connection_id = ?", String.class, call))
                .isEqualTo("Microsoft.Communication.SomethingNew");
    }

    @Test
    void theEngineRestApiAndOperatorEndpointsNeedACamundaUser() {
        assertThat(http.getForEntity("/engine-rest/process-definition", String.class).getStatusCode().value()).isEqualTo(401);
        // Another user: a wrong password makes Camunda delay that user's next logins.
        assertThat(http.withBasicAuth("intruder", "guess").getForEntity("/engine-rest/process-definition", String.class)
                .getStatusCode().value()).isEqualTo(401);
        assertThat(admin().getForEntity("/engine-rest/process-definition", String.class).getStatusCode().value()).isEqualTo(200);

        ResponseEntity<String> anonymous = http.getForEntity("/api/callbacks/unmatched", String.class);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(admin().getForEntity("/api/callbacks/unmatched", String.class).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void startingAFlowWithAnUnknownVariableTypeIsABadRequestAndStartsNothing() {
        long before = runtime.createProcessInstanceQuery().processDefinitionKey("outbound-call").count();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> response = admin().postForEntity("/engine-rest/process-definition/key/outbound-call/start",
                new HttpEntity<>("{\"variables\": {\"target\": {\"value\": \"+14255550123\", \"type\": \"Telephone\"}}}", headers),
                String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody()).contains("Telephone");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("outbound-call").count()).isEqualTo(before);
    }

    private TestRestTemplate admin() {
        return http.withBasicAuth("admin", TEST_ADMIN_PASSWORD);
    }

    private void assertRefused(String token) {
        long before = stored();
        ResponseEntity<String> response = postCallback(event(), token);
        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(response.getBody()).contains("refused").doesNotContain(token);
        assertThat(stored()).isEqualTo(before);
    }

    private JWTClaimsSet claims(String audience, Instant expiry) {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(audience).issueTime(Date.from(expiry.minusSeconds(300)))
                .notBeforeTime(Date.from(expiry.minusSeconds(300))).expirationTime(Date.from(expiry))
                .jwtID(UUID.randomUUID().toString()).build();
    }

    private long stored() {
        return jdbc.queryForObject("select count(*) from callback_inbox", Long.class);
    }

    private static String event() {
        String call = "security-" + UUID.randomUUID();
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"Microsoft.Communication.CallConnected\","
                + "\"source\":\"calling/callConnections/" + call + "\",\"specversion\":\"1.0\",\"data\":{\"callConnectionId\":\"" + call + "\"}}";
    }

    private ResponseEntity<String> postCallback(String event, String token) {
        return postRaw("[" + event + "]", token);
    }

    private ResponseEntity<String> postRaw(String body, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.postForEntity(callbackUrls.forCall("webhook-security-it", "call").url(), new HttpEntity<>(body, headers), String.class);
    }
}
