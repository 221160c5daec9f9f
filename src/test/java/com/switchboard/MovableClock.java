package com.switchboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A clock a test moves: it runs at the system clock's pace from wherever it was last set or moved to, so that time
 * still passes for what waits on it. {@code @Import(MovableClock.InPlace.class)} puts it in place of the application's
 * clock (SwitchboardApplication#clock); the engine, the emulator and ACS's tokens keep the system clock.
 */
public final class MovableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    /** From now on the clock reads {@code now}, and runs on from there. */
    public void set(Instant now) {
        offset = Duration.between(Instant.now(), now);
    }

    /** Moves the clock forward. */
    public void advance(Duration duration) {
        offset = offset.plus(duration);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** This clock's time as it is now, in the zone; it does not follow later moves. */
    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class InPlace {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }
}
