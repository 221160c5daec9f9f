package com.switchboard.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.communication.callautomation.CallAutomationClient;
import com.azure.communication.callautomation.models.CallInvite;
import com.azure.communication.common.CommunicationUserIdentifier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.switchboard.emulator.delivery.EventGridSchema;
import com.switchboard.emulator.telephony.IncomingCallRequest;
import com.switchboard.emulator.telephony.IncomingCallResult;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bearer token on every callback POST, and the unauthenticated OpenID configuration and JWK set that verify it,
 * checked the way the application does: nimbus against the keys fetched over HTTPS from the emulator.
 */
class AcsEmulatorCallbackTokenTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String RESOURCE_ID = "0f4e2a71-93c5-4d8b-b6e2-7a1c5d9f3e08";
    private static final Duration LIFETIME = Duration.ofMinutes(2);

    private static AcsEmulator emulator;
    private static CallAutomationClient client;
    private CallbackReceiver receiver;

    @BeforeAll
    static void start() {
        emulator = AcsEmulator.start(EmulatorSettings.defaults()
            .withPort(0)
            .withAnswerDelay(Duration.ZERO)
            .withCallbackRetries(3, Duration.ofMillis(20))
            .withResourceId(RESOURCE_ID)
            .withJwt(EmulatorSettings.DEFAULT_JWT_ISSUER, LIFETIME));
        client = EmulatorClients.sdk(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = CallbackReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void signsEveryCallbackWithATokenThePublishedKeysVerify() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        String callId = connectedCall("8:acs:signed");
        Instant after = Instant.now().plusSeconds(1);

        List<String> authorizations = authorizationsOf(callId);
        assertThat(authorizations).hasSize(2).allSatisfy(value -> assertThat(value).startsWith("Bearer "));
        JWKSet keys = fetchKeysThroughDiscovery();
        for (String authorization : authorizations) {
            SignedJWT token = SignedJWT.parse(bearer(authorization));
            assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
            assertThat(token.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
            assertThat(keys.getKeyByKeyId(token.getHeader().getKeyID())).isNotNull();

            JWTClaimsSet claims = verify(authorization, keys);
            assertThat(claims.getIssuer()).isEqualTo("https://acscallautomation.communication.azure.com");
            assertThat(claims.getAudience()).containsExactly(RESOURCE_ID);
            Instant issuedAt = claims.getIssueTime().toInstant();
            assertThat(issuedAt).isBetween(before, after);
            assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(issuedAt);
            assertThat(Duration.between(issuedAt, claims.getExpirationTime().toInstant())).isEqualTo(LIFETIME);
        }
        assertThat(authorizations.stream().map(AcsEmulatorCallbackTokenTest::jwtId).distinct()).hasSize(2);
    }

    @Test
    void retriesCarryAFreshToken() throws Exception {
        receiver.failNext(2);
        connectedCall("8:acs:retried");

        List<String> attempts = receiver.authorizations();
        assertThat(attempts).hasSize(4);
        JWKSet keys = fetchKeysThroughDiscovery();
        for (String authorization : attempts) {
            assertThat(verify(authorization, keys).getAudience()).containsExactly(RESOURCE_ID);
        }
        assertThat(attempts.stream().map(AcsEmulatorCallbackTokenTest::jwtId).distinct()).hasSize(4);
    }

    @Test
    void rejectsATokenFromAnotherResource() throws Exception {
        String authorization = authorizationsOf(connectedCall("8:acs:audience")).get(0);

        DefaultJWTProcessor<SecurityContext> otherResource = processor(fetchKeysThroughDiscovery(),
            "11111111-2222-3333-4444-555555555555");
        assertThatThrownBy(() -> otherResource.process(bearer(authorization), null))
            .isInstanceOf(BadJOSEException.class);
    }

    @Test
    void publishesTheOpenIdConfigurationWithoutSignature() throws Exception {
        assertThat(emulator.openIdConfigurationUrl())
            .isEqualTo(emulator.endpoint() + "calling/.well-known/acsopenidconfiguration");
        HttpResponse<String> response = EmulatorClients.unsigned(emulator, "GET", emulator.openIdConfigurationUrl());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        JsonNode configuration = MAPPER.readTree(response.body());
        assertThat(configuration.path("issuer").asText()).isEqualTo(emulator.jwtIssuer())
            .isEqualTo("https://acscallautomation.communication.azure.com");
        assertThat(configuration.path("jwks_uri").asText()).isEqualTo(emulator.endpoint() + "calling/keys");
        assertThat(configuration.path("id_token_signing_alg_values_supported").toString()).isEqualTo("[\"RS256\"]");
    }

    @Test
    void publishesOnlyPublicKeysWithoutSignature() throws Exception {
        HttpResponse<String> response = EmulatorClients.unsigned(emulator, "GET", "/calling/keys");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        JsonNode keys = MAPPER.readTree(response.body()).path("keys");
        assertThat(keys.isArray()).isTrue();
        assertThat(keys).isNotEmpty().allSatisfy(key -> {
            assertThat(key.path("kty").asText()).isEqualTo("RSA");
            assertThat(key.path("alg").asText()).isEqualTo("RS256");
            assertThat(key.path("use").asText()).isEqualTo("sig");
            assertThat(key.path("kid").asText()).isNotBlank();
            assertThat(key.path("n").asText()).isNotBlank();
            assertThat(key.path("e").asText()).isEqualTo("AQAB");
            assertThat(key.has("d")).as("private exponent published").isFalse();
            assertThat(key.has("p")).as("private prime published").isFalse();
        });
        assertThat(JWKSet.parse(response.body()).getKeys()).allSatisfy(key -> assertThat(key.isPrivate()).isFalse());
    }

    @Test
    void otherCallingRequestsStillNeedASignature() {
        assertThat(EmulatorClients.unsigned(emulator, "GET", "/calling/callConnections/x?api-version=2023-03-06")
            .statusCode()).isEqualTo(401);
        assertThat(EmulatorClients.unsigned(emulator, "GET", "/calling/keys/other").statusCode()).isEqualTo(401);
        assertThat(EmulatorClients.unsigned(emulator, "POST", "/calling/keys").statusCode()).isEqualTo(401);
        assertThat(EmulatorClients.unsigned(emulator, "DELETE", "/calling/.well-known/acsopenidconfiguration")
            .statusCode()).isEqualTo(401);
        assertThat(EmulatorClients.unsigned(emulator, "GET", "/calling/.well-known/openid-configuration")
            .statusCode()).isEqualTo(401);
    }

    @Test
    void rotationSignsWithANewKeyAndKeepsThePreviousOnePublished() throws Exception {
        String oldToken = authorizationsOf(connectedCall("8:acs:before-rotation")).get(0);
        String oldKid = keyId(oldToken);

        emulator.rotateSigningKey();
        List<String> newTokens = authorizationsOf(connectedCall("8:acs:after-rotation"));
        String newToken = newTokens.get(0);
        String newKid = keyId(newToken);
        assertThat(keyId(newTokens.get(1))).isEqualTo(newKid);

        assertThat(newKid).isNotEqualTo(oldKid);
        JWKSet keys = fetchKeysThroughDiscovery();
        assertThat(keys.getKeys()).extracting(key -> key.getKeyID()).containsExactly(newKid, oldKid);
        assertThat(verify(newToken, keys).getAudience()).containsExactly(RESOURCE_ID);
        assertThat(verify(oldToken, keys).getAudience()).containsExactly(RESOURCE_ID);

        emulator.rotateSigningKey();
        assertThat(fetchKeysThroughDiscovery().getKeys()).extracting(key -> key.getKeyID())
            .hasSize(2).contains(newKid).doesNotContain(oldKid);
    }

    @Test
    void eventGridDeliveriesCarryNoBearerToken() throws Exception {
        try (EventGridReceiver webhook = EventGridReceiver.start()) {
            emulator.setEventGridSubscription(webhook.url(), EventGridSchema.EVENT_GRID);
            IncomingCallResult call = emulator.placeIncomingCall(
                IncomingCallRequest.of("+14255550123", "8:acs:token-bot"));
            webhook.awaitIncomingCall(call.serverCallId());

            assertThat(webhook.requests()).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(request -> assertThat(request.header("authorization")).isNull());
        } finally {
            emulator.setEventGridSubscription(null, null);
        }
    }

    @Test
    void configuredIssuerReachesTokensAndDiscovery() throws Exception {
        String issuer = "https://issuer.emulator.test";
        try (AcsEmulator other = AcsEmulator.start(EmulatorSettings.defaults().withPort(0)
            .withAnswerDelay(Duration.ZERO).withJwt(issuer, Duration.ofSeconds(30)))) {
            assertThat(other.jwtIssuer()).isEqualTo(issuer);
            assertThat(other.resourceId()).isEqualTo(EmulatorSettings.DEFAULT_RESOURCE_ID);
            JsonNode configuration = MAPPER.readTree(
                EmulatorClients.unsigned(other, "GET", other.openIdConfigurationUrl()).body());
            assertThat(configuration.path("issuer").asText()).isEqualTo(issuer);

            String callId = EmulatorClients.sdk(other).createCall(
                new CallInvite(new CommunicationUserIdentifier("8:acs:issuer")), receiver.url())
                .getCallConnectionProperties().getCallConnectionId();
            receiver.awaitEvent(callId, "ParticipantsUpdated");
            JWKSet keys = JWKSet.parse(EmulatorClients.unsigned(other, "GET",
                configuration.path("jwks_uri").asText()).body());
            JWTClaimsSet claims = processor(keys, EmulatorSettings.DEFAULT_RESOURCE_ID, issuer)
                .process(bearer(authorizationsOf(callId).get(0)), null);
            assertThat(claims.getIssuer()).isEqualTo(issuer);
            assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofSeconds(30));
        }
    }

    private String connectedCall(String rawId) {
        String callId = client.createCall(new CallInvite(new CommunicationUserIdentifier(rawId)), receiver.url())
            .getCallConnectionProperties().getCallConnectionId();
        receiver.awaitEvent(callId, "ParticipantsUpdated");
        return callId;
    }

    /** The Authorization headers of the POSTs that carried the call's events (CallConnected, ParticipantsUpdated). */
    private List<String> authorizationsOf(String callId) {
        return receiver.posts().stream()
            .filter(post -> post.events().stream()
                .anyMatch(e -> callId.equals(e.path("data").path("callConnectionId").asText())))
            .map(CallbackReceiver.Post::authorization).toList();
    }

    /** Follows the discovery document's {@code jwks_uri}, as a key cache does. */
    private static JWKSet fetchKeysThroughDiscovery() throws Exception {
        HttpResponse<String> discovery = EmulatorClients.unsigned(emulator, "GET", emulator.openIdConfigurationUrl());
        String jwksUri = MAPPER.readTree(discovery.body()).path("jwks_uri").asText();
        HttpResponse<String> keys = EmulatorClients.unsigned(emulator, "GET", jwksUri);
        assertThat(keys.statusCode()).isEqualTo(200);
        return JWKSet.parse(keys.body());
    }

    private static JWTClaimsSet verify(String authorization, JWKSet keys) throws Exception {
        return processor(keys, RESOURCE_ID).process(bearer(authorization), null);
    }

    private static DefaultJWTProcessor<SecurityContext> processor(JWKSet keys, String audience) {
        return processor(keys, audience, EmulatorSettings.DEFAULT_JWT_ISSUER);
    }

    /** RS256 only, signature by a published key, exact issuer and audience, within iat/nbf/exp. */
    private static DefaultJWTProcessor<SecurityContext> processor(JWKSet keys, String audience, String issuer) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience,
            new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("iat", "nbf", "exp", "jti")));
        return processor;
    }

    private static String bearer(String authorization) {
        assertThat(authorization).startsWith("Bearer ");
        return authorization.substring("Bearer ".length());
    }

    private static String keyId(String authorization) throws ParseException {
        return SignedJWT.parse(bearer(authorization)).getHeader().getKeyID();
    }

    private static String jwtId(String authorization) {
        try {
            return SignedJWT.parse(bearer(authorization)).getJWTClaimsSet().getJWTID();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
