package com.switchboard.callbacks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.switchboard.acs.AcsProperties;
import com.switchboard.acs.TrustedCertificate;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Checks the bearer token ACS puts on every callback: RS256, signed by a key of the JWK set that ACS's
 * OpenID configuration names, issued by ACS, for this ACS resource (audience = its immutable ID), and
 * within its time window (with a small clock skew). The keys are fetched on first use, cached, and
 * fetched again (rate-limited) when a token names a key id the cache does not have. The time window is checked
 * against the system clock, not Switchboard's {@link java.time.Clock}: the token's times come from ACS's clock, and a
 * test that moves Switchboard's time must not make ACS's tokens look expired or not yet valid.
 */
@Component
public class CallbackTokenVerifier {

    private static final long KEY_REFETCH_MIN_INTERVAL_MS = 5_000;

    private final CallbackAuthenticationProperties settings;
    private final AcsProperties acs;
    private final ObjectMapper mapper;
    private final ResourceRetriever retriever;
    private volatile DefaultJWTProcessor<SecurityContext> processor;

    CallbackTokenVerifier(CallbackAuthenticationProperties settings, AcsProperties acs, ObjectMapper mapper) {
        this.settings = settings;
        this.acs = acs;
        this.mapper = mapper;
        this.retriever = new DefaultResourceRetriever(5_000, 5_000, 512 * 1024, true,
                TrustedCertificate.sslContext(acs.trustCertificate()).getSocketFactory());
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /**
     * @param authorization the Authorization header, {@code Bearer <token>}
     * @throws InvalidCallbackTokenException saying why the token is refused, never quoting it
     */
    public void verify(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new InvalidCallbackTokenException("missing", "No bearer token");
        }
        try {
            processor().process(authorization.substring(7).trim(), null);
        } catch (ParseException e) {
            throw new InvalidCallbackTokenException("malformed", "The bearer token is not a JWT");
        } catch (BadJOSEException e) {
            throw new InvalidCallbackTokenException("rejected", "The bearer token was refused: " + e.getMessage());
        } catch (RateLimitReachedException e) {
            throw new InvalidCallbackTokenException("rejected", "The bearer token was refused: it is signed with a key "
                    + "that is not among the published keys");
        } catch (JOSEException e) {
            throw new InvalidCallbackTokenException("unverifiable", "The bearer token could not be checked: " + e.getMessage());
        }
    }

    private DefaultJWTProcessor<SecurityContext> processor() {
        DefaultJWTProcessor<SecurityContext> current = processor;
        if (current == null) {
            synchronized (this) {
                if (processor == null) {
                    processor = newProcessor();
                }
                current = processor;
            }
        }
        return current;
    }

    private DefaultJWTProcessor<SecurityContext> newProcessor() {
        if (acs.resourceId() == null || acs.resourceId().isBlank()) {
            throw new InvalidCallbackTokenException("unconfigured", "switchboard.acs.resource-id is not set, so no "
                    + "callback token can be checked");
        }
        // Cached; a token naming an unknown key id fetches the set again, at most every few seconds, so that
        // forged key ids cannot make Switchboard hammer the key endpoint.
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(jwksUrl(), retriever)
                .rateLimited(KEY_REFETCH_MIN_INTERVAL_MS).build();
        DefaultJWTProcessor<SecurityContext> jwt = new DefaultJWTProcessor<>();
        jwt.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(acs.resourceId(),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), Set.of("exp", "iat"));
        claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        jwt.setJWTClaimsSetVerifier(claims);
        return jwt;
    }

    private URL jwksUrl() {
        try {
            String discovery = retriever.retrieveResource(URI.create(settings.openidConfigurationUrl()).toURL()).getContent();
            JsonNode jwksUri = mapper.readTree(discovery).path("jwks_uri");
            if (!jwksUri.isTextual()) {
                throw new InvalidCallbackTokenException("unverifiable", "The OpenID configuration at "
                        + settings.openidConfigurationUrl() + " names no jwks_uri");
            }
            return URI.create(jwksUri.asText()).toURL();
        } catch (IOException e) {
            throw new InvalidCallbackTokenException("unverifiable", "The OpenID configuration at "
                    + settings.openidConfigurationUrl() + " could not be read: " + e.getMessage());
        }
    }
}
