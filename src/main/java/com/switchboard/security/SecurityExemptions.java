package com.switchboard.security;

import com.switchboard.callbacks.CallbackAuthenticator;
import com.switchboard.incoming.IncomingCallsProperties;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * What this node lets in unauthenticated, and why it may: only the emulator profile starts with a webhook open
 * ({@link SafeSettingsCheck} refuses it elsewhere). Said once in the log at start, and in readiness
 * ({@code GET /actuator/health/readiness}, component {@code security}), so an open webhook is never silent.
 */
@Component("security")
class SecurityExemptions implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(SecurityExemptions.class);

    private final List<String> exemptions = new ArrayList<>();

    SecurityExemptions(CallbackAuthenticator callbacks, IncomingCallsProperties incoming) {
        if (!callbacks.enabled()) {
            exemptions.add("callbacks are accepted without ACS's token (switchboard.callbacks.authentication.enabled=false)");
        }
        if (!incoming.secretRequired()) {
            exemptions.add("incoming calls are accepted without a subscription secret (SWITCHBOARD_INCOMING_SECRET is not set)");
        }
        if (!exemptions.isEmpty()) {
            log.warn("Emulator profile, so allowed on this machine only: {}", String.join("; ", exemptions));
        }
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        if (!exemptions.isEmpty()) {
            health.withDetail("allowedInTheEmulatorProfileOnly", exemptions);
        }
        return health.build();
    }
}
