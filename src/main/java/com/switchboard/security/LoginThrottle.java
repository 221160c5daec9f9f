package com.switchboard.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Slows password guessing down per client address, never per user: a client that got {@value #FREE_FAILURES}
 * passwords wrong in a row waits before its next try, 1 s, then twice as long after each further failure, up to
 * {@link #MAX_WAIT}; a right password ends the wait. Someone guessing the admin's password slows only
 * themselves: the admin, from another address, signs in at once, and no guess can lock the account (the engine's
 * own per-user throttle, which could, is switched off: {@link EngineSecuritySettings}).
 *
 * <p>The failures of at most {@value #TRACKED_CLIENTS} addresses are remembered, each for
 * {@link #FORGET_AFTER} after its last failure, so a flood of addresses cannot fill the memory.
 */
class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final Duration MAX_WAIT = Duration.ofSeconds(60);
    static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    static final int TRACKED_CLIENTS = 100_000;

    private final Clock clock;
    private final Cache<String, Failures> failures;

    LoginThrottle(Clock clock) {
        this.clock = clock;
        this.failures = Caffeine.newBuilder().maximumSize(TRACKED_CLIENTS).expireAfterWrite(FORGET_AFTER)
                .ticker(() -> clock.millis() * 1_000_000L).build();
    }

    /** How long the client must still wait before it may try a password, if at all. */
    Optional<Duration> waitFor(String client) {
        Failures recorded = failures.getIfPresent(client);
        if (recorded == null || recorded.count() < FREE_FAILURES) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), recorded.last().plus(penalty(recorded.count())));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    void failed(String client) {
        failures.asMap().merge(client, new Failures(1, clock.instant()),
                (before, now) -> new Failures(before.count() + 1, now.last()));
    }

    void succeeded(String client) {
        failures.invalidate(client);
    }

    private static Duration penalty(int count) {
        int doublings = Math.min(count - FREE_FAILURES, 16);
        Duration wait = Duration.ofSeconds(1L << doublings);
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }

    private record Failures(int count, Instant last) {
    }
}
