package com.switchboard.emulator.telephony;

import com.switchboard.emulator.model.Identifier;
import com.switchboard.emulator.model.IdentityGlob;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One rule of the emulated phone network: callees matching {@code identity} behave as {@code behaviour}.
 *
 * <p>{@code identity} is an exact raw id ({@code 8:acs:...}, {@code 4:+1555...}) or a glob where {@code *} matches
 * any characters. Phone numbers also match by their bare E.164 form, so {@code +1555*} covers {@code 4:+1555...}.
 * {@code after} is only used by {@link PhoneBehaviour#HANG_UP_AFTER}: how long the callee stays in the call. Bound from
 * properties ({@code rules[0].identity}, {@code rules[0].behaviour}, {@code rules[0].after}), a rule answers unless
 * it says otherwise.
 */
public record PhoneRule(String identity, @DefaultValue("ANSWER") PhoneBehaviour behaviour, Duration after) {

    /** How long the built-in hanging-up callees stay connected. */
    public static final Duration DEFAULT_HANG_UP_AFTER = Duration.ofSeconds(5);

    /**
     * The built-in rules: reserved test numbers and ACS users that fail in a given way. Everything else answers.
     */
    public static final List<PhoneRule> DEFAULTS = List.of(
        new PhoneRule("+15550000486", PhoneBehaviour.BUSY, null),
        new PhoneRule("+15550000480", PhoneBehaviour.UNAVAILABLE, null),
        new PhoneRule("+15550000603", PhoneBehaviour.DECLINE, null),
        new PhoneRule("+15550000408", PhoneBehaviour.NO_ANSWER, null),
        new PhoneRule("+15550000099", PhoneBehaviour.HANG_UP_AFTER, DEFAULT_HANG_UP_AFTER),
        new PhoneRule("8:acs:emulator-busy", PhoneBehaviour.BUSY, null),
        new PhoneRule("8:acs:emulator-unavailable", PhoneBehaviour.UNAVAILABLE, null),
        new PhoneRule("8:acs:emulator-decline", PhoneBehaviour.DECLINE, null),
        new PhoneRule("8:acs:emulator-no-answer", PhoneBehaviour.NO_ANSWER, null),
        new PhoneRule("8:acs:emulator-hangs-up", PhoneBehaviour.HANG_UP_AFTER, DEFAULT_HANG_UP_AFTER));

    public PhoneRule {
        if (identity == null || identity.isBlank()) {
            throw new IllegalArgumentException("A phone rule needs an identity");
        }
        Objects.requireNonNull(behaviour, "behaviour");
        if (behaviour == PhoneBehaviour.HANG_UP_AFTER && after == null) {
            after = DEFAULT_HANG_UP_AFTER;
        }
        if (after != null && after.isNegative()) {
            throw new IllegalArgumentException("A phone rule's 'after' must not be negative: " + identity);
        }
    }

    public boolean matches(Identifier callee) {
        return new IdentityGlob(identity).matches(callee);
    }
}
