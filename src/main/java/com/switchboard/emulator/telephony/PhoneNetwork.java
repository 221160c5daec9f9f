package com.switchboard.emulator.telephony;

import com.switchboard.emulator.model.Identifier;
import com.switchboard.emulator.model.ResultInfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The emulated phone network: decides by rules how a dialled callee behaves and plays that out on timers.
 *
 * <p>The first rule matching the callee wins; a callee no rule matches answers. Answering, busy, unavailable
 * and declining callees take the answer delay to do so; a callee whose answer delay reaches the ring timeout does
 * not answer in time and fails with 408 like {@link PhoneBehaviour#NO_ANSWER}. Rules and delays can be changed
 * while the emulator runs; calls already ringing keep their outcome.
 */
public final class PhoneNetwork {

    private final ScheduledExecutorService scheduler;
    private volatile List<PhoneRule> rules;
    private volatile Duration answerDelay;
    private final Duration defaultRingTimeout;

    public PhoneNetwork(ScheduledExecutorService scheduler, List<PhoneRule> rules, Duration answerDelay,
                        Duration defaultRingTimeout) {
        this.scheduler = scheduler;
        this.rules = List.copyOf(rules);
        this.answerDelay = answerDelay;
        this.defaultRingTimeout = defaultRingTimeout;
    }

    public void setRules(List<PhoneRule> newRules) {
        this.rules = List.copyOf(newRules);
    }

    public List<PhoneRule> rules() {
        return rules;
    }

    public void setAnswerDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("answerDelay must not be negative");
        }
        this.answerDelay = delay;
    }

    public Duration answerDelay() {
        return answerDelay;
    }

    /**
     * Rings a callee.
     *
     * @param ringTimeout how long the callee may ring, or null for the configured ring timeout
     */
    RemoteLeg dial(Identifier callee, Duration ringTimeout, CalleeListener listener) {
        PhoneRule rule = ruleFor(callee).orElse(null);
        PhoneBehaviour behaviour = rule == null ? PhoneBehaviour.ANSWER : rule.behaviour();
        Duration timeout = ringTimeout == null ? defaultRingTimeout : ringTimeout;
        Duration delay = answerDelay;
        RemoteLeg leg = new RemoteLeg(scheduler);
        if (behaviour == PhoneBehaviour.NO_ANSWER || delay.compareTo(timeout) >= 0) {
            leg.after(timeout, () -> listener.failed(ResultInfo.NO_ANSWER));
            return leg;
        }
        switch (behaviour) {
            case ANSWER -> leg.after(delay, listener::answered);
            case BUSY -> leg.after(delay, () -> listener.failed(ResultInfo.BUSY));
            case UNAVAILABLE -> leg.after(delay, () -> listener.failed(ResultInfo.UNAVAILABLE));
            case DECLINE -> leg.after(delay, () -> listener.failed(ResultInfo.DECLINED));
            case HANG_UP_AFTER -> leg.after(delay, () -> {
                listener.answered();
                leg.after(rule.after(), listener::hungUp);
            });
            case NO_ANSWER -> throw new IllegalStateException("handled above");
        }
        return leg;
    }

    /** A leg for someone already in a call (a caller, a room member): no timers until someone hangs up. */
    RemoteLeg connectedLeg() {
        return new RemoteLeg(scheduler);
    }

    private Optional<PhoneRule> ruleFor(Identifier callee) {
        return rules.stream().filter(rule -> rule.matches(callee)).findFirst();
    }
}
