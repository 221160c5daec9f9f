package com.switchboard.emulator.media;

import com.switchboard.emulator.model.Identifier;
import com.switchboard.emulator.model.IdentityGlob;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The script of a caller: participants matching {@code identity} (a raw id or glob, as phone rules match:
 * {@code +1555*}, {@code 8:acs:*}) answer each recognize on them with the next of {@code answers} ({@code press 1},
 * {@code press 1234#}, {@code say sales}, {@code say sales 0.8}, {@code silent}, {@code hang up}); once they run
 * out, the caller is silent. Bound from {@code switchboard.emulator.callers[i].identity}, {@code .answers},
 * {@code .delay}, {@code .tone-interval}; the first rule matching a participant is its script.
 *
 * @param delay when the answer comes, counted from the prompt's start (or the recognize's start without prompt)
 * @param toneInterval the time between two keys of a {@code press}
 */
public record CallerRule(String identity, @DefaultValue List<String> answers, @DefaultValue("1s") Duration delay,
                         @DefaultValue("100ms") Duration toneInterval) {

    public static final Duration DEFAULT_DELAY = Duration.ofSeconds(1);
    public static final Duration DEFAULT_TONE_INTERVAL = Duration.ofMillis(100);

    public CallerRule {
        new IdentityGlob(identity);
        answers = List.copyOf(Objects.requireNonNull(answers == null ? List.of() : answers, "answers"));
        answers.forEach(CallerAnswer::parse);
        delay = delay == null ? DEFAULT_DELAY : delay;
        toneInterval = toneInterval == null ? DEFAULT_TONE_INTERVAL : toneInterval;
        if (delay.isNegative() || toneInterval.isNegative()) {
            throw new IllegalArgumentException("A caller rule's delay and tone interval must not be negative: "
                + identity);
        }
    }

    public boolean matches(Identifier participant) {
        return new IdentityGlob(identity).matches(participant);
    }

    /** The parsed answer for the recognize number {@code index} (from 0); silent once the answers run out. */
    CallerAnswer answer(int index) {
        return index < answers.size() ? CallerAnswer.parse(answers.get(index)) : CallerAnswer.SILENT;
    }
}
