package com.switchboard.emulator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.Test;

class CallbackTokenIssuerTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final String ISSUER = "https://acscallautomation.communication.azure.com";
    private static final String RESOURCE_ID = "5c6a1e2d-8b4f-4f37-9a0e-3d7b2c91f4a8";

    private final CallbackTokenIssuer issuer = new CallbackTokenIssuer(ISSUER, RESOURCE_ID, Duration.ofMinutes(5),
        Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void issuesRs256TokensWithTheClaimsAcsSends() throws Exception {
        SignedJWT token = SignedJWT.parse(issuer.issue());

        assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        RSAKey key = (RSAKey) issuer.publicKeys().getKeyByKeyId(token.getHeader().getKeyID());
        assertThat(key).isNotNull();
        assertThat(key.size()).isEqualTo(2048);
        assertThat(token.verify(new RSASSAVerifier(key))).isTrue();
        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getAudience()).containsExactly(RESOURCE_ID);
        assertThat(claims.getIssueTime()).isEqualTo(Date.from(NOW));
        assertThat(claims.getNotBeforeTime()).isEqualTo(Date.from(NOW));
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(NOW.plus(Duration.ofMinutes(5))));
        assertThat(claims.getJWTID()).isNotBlank()
            .isNotEqualTo(SignedJWT.parse(issuer.issue()).getJWTClaimsSet().getJWTID());
    }

    @Test
    void publishesOnlyPublicKeys() {
        assertThat(issuer.publicKeys().getKeys()).singleElement().satisfies(key -> {
            assertThat(key.isPrivate()).isFalse();
            assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
            assertThat(key.getKeyUse().identifier()).isEqualTo("sig");
        });
    }

    @Test
    void rotationKeepsExactlyOnePreviousKey() throws Exception {
        String first = SignedJWT.parse(issuer.issue()).getHeader().getKeyID();

        issuer.rotate();
        SignedJWT rotated = SignedJWT.parse(issuer.issue());
        String second = rotated.getHeader().getKeyID();
        assertThat(second).isNotEqualTo(first);
        assertThat(issuer.publicKeys().getKeys()).extracting(JWK::getKeyID).containsExactly(second, first);
        assertThat(rotated.verify(new RSASSAVerifier((RSAKey) issuer.publicKeys().getKeyByKeyId(second)))).isTrue();

        issuer.rotate();
        String third = SignedJWT.parse(issuer.issue()).getHeader().getKeyID();
        assertThat(issuer.publicKeys().getKeys()).extracting(JWK::getKeyID).containsExactly(third, second);
    }
}
