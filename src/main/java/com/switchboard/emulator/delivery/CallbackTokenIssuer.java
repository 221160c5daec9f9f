package com.switchboard.emulator.delivery;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Issues the RS256 bearer tokens that ACS puts on every callback POST: {@code iss}, {@code aud} (the ACS resource's
 * immutable id), {@code iat}, {@code nbf}, {@code exp} and a unique {@code jti}, signed with an RSA key (2048 bit,
 * random {@code kid}) generated at start.
 *
 * <p>{@link #rotate()} switches to a new key; the public key set keeps the previous key next to the new one, as a
 * real rotation overlaps, so tokens signed just before still verify. Only one previous key is kept.
 */
public final class CallbackTokenIssuer {

    private static final int KEY_SIZE = 2048;

    private final String issuer;
    private final String audience;
    private final Duration lifetime;
    private final Clock clock;
    private volatile SigningKeys keys;

    public CallbackTokenIssuer(String issuer, String audience, Duration lifetime, Clock clock) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keys = new SigningKeys(SigningKey.generate(), null);
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    /** A freshly signed token, valid from now for the configured lifetime (in whole seconds, as JWTs count). */
    public String issue() {
        Instant now = clock.instant();
        Date issuedAt = Date.from(now);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(audience)
            .issueTime(issuedAt)
            .notBeforeTime(issuedAt)
            .expirationTime(Date.from(now.plus(lifetime)))
            .jwtID(UUID.randomUUID().toString())
            .build();
        return keys.current().sign(claims);
    }

    /**
     * Signs arbitrary claims with the current key: for tests of what a token verifier refuses (another
     * audience, an expired token) with a signature that is otherwise good.
     */
    public String sign(JWTClaimsSet claims) {
        return keys.current().sign(claims);
    }

    /** Signs with a new key from now on; the previous key stays published. */
    public synchronized void rotate() {
        keys = new SigningKeys(SigningKey.generate(), keys.current());
    }

    /** The public keys that verify tokens: the current key first, then the previous one (after a rotation). */
    public JWKSet publicKeys() {
        SigningKeys snapshot = keys;
        List<JWK> published = new ArrayList<>();
        published.add(snapshot.current().publicKey());
        if (snapshot.previous() != null) {
            published.add(snapshot.previous().publicKey());
        }
        return new JWKSet(published);
    }

    private record SigningKeys(SigningKey current, SigningKey previous) {
    }

    private record SigningKey(RSAKey key, JWSSigner signer) {

        static SigningKey generate() {
            try {
                RSAKey key = new RSAKeyGenerator(KEY_SIZE)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
                return new SigningKey(key, new RSASSASigner(key));
            } catch (JOSEException e) {
                throw new IllegalStateException("Cannot generate an RSA signing key", e);
            }
        }

        RSAKey publicKey() {
            return key.toPublicJWK();
        }

        String sign(JWTClaimsSet claims) {
            SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT)
                .keyID(key.getKeyID())
                .build(), claims);
            try {
                token.sign(signer);
            } catch (JOSEException e) {
                throw new IllegalStateException("Cannot sign a callback token", e);
            }
            return token.serialize();
        }
    }
}
