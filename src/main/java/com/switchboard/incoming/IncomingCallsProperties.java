package com.switchboard.incoming;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param routingDecision the DMN decision that picks the flow for an incoming call
 * @param defaultFlow     the flow started when no rule of the decision matches
 * @param timeZone        the time zone of the {@code hourOfDay} and {@code dayOfWeek} the decision sees
 * @param secret          optional shared secret that the Event Grid subscription URL carries as
 *                        {@code ?secret=...}; when set, deliveries without it are refused (401)
 */
@ConfigurationProperties("switchboard.incoming")
public record IncomingCallsProperties(String routingDecision, String defaultFlow, ZoneId timeZone, String secret) {

    /** The query parameter of the subscription URL that carries the secret. */
    public static final String SECRET_PARAMETER = "secret";

    /** Whether deliveries must carry the secret; only the emulator profile may run without (security/SafeSettingsCheck). */
    public boolean secretRequired() {
        return secret != null && !secret.isEmpty();
    }

    /** Whether the given secret is the configured one (constant-time). */
    public boolean admits(String given) {
        return secretRequired() && given != null && MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
