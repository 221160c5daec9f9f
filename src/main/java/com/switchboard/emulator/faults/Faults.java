package com.switchboard.emulator.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A fault plan: what the emulator does wrong on purpose, as ACS sometimes does. {@link #NONE} (the default) injects
 * nothing. Set it at start ({@code EmulatorSettings.withFaults}, {@code switchboard.emulator.faults.*}) or
 * at runtime ({@code AcsEmulator.setFaults}, {@code PUT /emulator/faults}).
 *
 * <p>Callback delivery faults, each decided per event with the plan's random:
 *
 * @param duplicateProbability a delivered event is POSTed a second time (same CloudEvent, same {@code id}), right
 *     after or after the call's next event
 * @param reorderProbability an event is held back and delivered after the call's next event; an event held longer
 *     than {@code maxHold} without a next event is delivered anyway
 * @param maxHold how long a held-back event waits for the call's next event at most
 * @param delay extra delay before each event's delivery
 * @param delayJitter a random extra delay of 0 up to this on top of {@code delay}
 * @param failFirstAttemptProbability the first POST of an event is not made but counted as a failed attempt (as a
 *     refused connection), so the normal retry with backoff delivers it; needs at least 2 callback attempts
 * @param deliverBeforeResponse an action's response is held until the first callback of its call raised after the
 *     request arrived was acknowledged (or dropped), at most {@link #RESPONSE_HOLD_LIMIT}: with answer delay 0 a
 *     createCall is answered after its CallConnected (or CreateCallFailed) was delivered; an action whose first
 *     callback comes later than the limit (a callee ringing longer) is answered after the limit
 *
 * <p>Action faults, on Call Automation actions (the requests that change something; reads are never faulted),
 * before they are carried out: a faulted request does nothing and answers an ACS error.
 *
 * @param actionFaultProbability the probability that an action fails with one of {@code actionFaultStatuses}
 * @param actionFaultStatuses the statuses a faulted action answers, one picked at random: 429, 500 or 503
 * @param retryAfter sent as {@code Retry-After} (whole seconds, rounded up) with a faulted answer; zero omits it
 * @param failNextActions the next this many actions fail with the first of {@code actionFaultStatuses}, whatever the
 *     probability; {@code AcsEmulator.faults()} shows how many are left
 * @param seed seeds the random that decides the faults, for reproducible runs; null for a random seed
 */
public record Faults(
    double duplicateProbability,
    double reorderProbability,
    Duration maxHold,
    Duration delay,
    Duration delayJitter,
    double failFirstAttemptProbability,
    boolean deliverBeforeResponse,
    double actionFaultProbability,
    List<Integer> actionFaultStatuses,
    Duration retryAfter,
    int failNextActions,
    Long seed) {

    /** The statuses an action fault can answer. */
    public static final List<Integer> SUPPORTED_STATUSES = List.of(429, 500, 503);
    public static final Duration DEFAULT_MAX_HOLD = Duration.ofMillis(500);
    /** The longest an action's response waits for its first callback with {@code deliverBeforeResponse}. */
    public static final Duration RESPONSE_HOLD_LIMIT = Duration.ofSeconds(2);
    /** No faults. */
    public static final Faults NONE = new Faults(0, 0, DEFAULT_MAX_HOLD, Duration.ZERO, Duration.ZERO, 0, false, 0,
        SUPPORTED_STATUSES, Duration.ZERO, 0, null);

    public Faults {
        requireProbability(duplicateProbability, "duplicateProbability");
        requireProbability(reorderProbability, "reorderProbability");
        requireProbability(failFirstAttemptProbability, "failFirstAttemptProbability");
        requireProbability(actionFaultProbability, "actionFaultProbability");
        maxHold = notNegative(maxHold == null ? DEFAULT_MAX_HOLD : maxHold, "maxHold");
        delay = notNegative(delay == null ? Duration.ZERO : delay, "delay");
        delayJitter = notNegative(delayJitter == null ? Duration.ZERO : delayJitter, "delayJitter");
        retryAfter = notNegative(retryAfter == null ? Duration.ZERO : retryAfter, "retryAfter");
        actionFaultStatuses = actionFaultStatuses == null || actionFaultStatuses.isEmpty()
            ? SUPPORTED_STATUSES : List.copyOf(actionFaultStatuses);
        for (Integer status : actionFaultStatuses) {
            if (!SUPPORTED_STATUSES.contains(status)) {
                throw new IllegalArgumentException("actionFaultStatuses may hold " + SUPPORTED_STATUSES + " only: "
                    + status);
            }
        }
        if (failNextActions < 0) {
            throw new IllegalArgumentException("failNextActions must be zero or positive: " + failNextActions);
        }
    }

    public Faults withDuplicateProbability(double value) {
        return new Faults(value, reorderProbability, maxHold, delay, delayJitter, failFirstAttemptProbability,
            deliverBeforeResponse, actionFaultProbability, actionFaultStatuses, retryAfter, failNextActions, seed);
    }

    /** Holds events back (at most {@code hold}) to deliver them after the call's next event. */
    public Faults withReorder(double probability, Duration hold) {
        return new Faults(duplicateProbability, probability, hold, delay, delayJitter, failFirstAttemptProbability,
            deliverBeforeResponse, actionFaultProbability, actionFaultStatuses, retryAfter, failNextActions, seed);
    }

    public Faults withReorderProbability(double value) {
        return withReorder(value, maxHold);
    }

    public Faults withDelay(Duration value, Duration jitter) {
        return new Faults(duplicateProbability, reorderProbability, maxHold, value, jitter,
            failFirstAttemptProbability, deliverBeforeResponse, actionFaultProbability, actionFaultStatuses,
            retryAfter, failNextActions, seed);
    }

    public Faults withFailFirstAttemptProbability(double value) {
        return new Faults(duplicateProbability, reorderProbability, maxHold, delay, delayJitter, value,
            deliverBeforeResponse, actionFaultProbability, actionFaultStatuses, retryAfter, failNextActions, seed);
    }

    public Faults withDeliverBeforeResponse(boolean value) {
        return new Faults(duplicateProbability, reorderProbability, maxHold, delay, delayJitter,
            failFirstAttemptProbability, value, actionFaultProbability, actionFaultStatuses, retryAfter,
            failNextActions, seed);
    }

    /** Fails actions with the probability, answering one of the statuses (429, 500, 503). */
    public Faults withActionFaults(double probability, Integer... statuses) {
        return new Faults(duplicateProbability, reorderProbability, maxHold, delay, delayJitter,
            failFirstAttemptProbability, deliverBeforeResponse, probability, List.of(statuses), retryAfter,
            failNextActions, seed);
    }

    /** The next {@code count} actions fail with {@code status}, which becomes the first of the statuses. */
    public Faults withFailNextActions(int count, int status) {
        List<Integer> statuses = new ArrayList<>(List.of(status));
        actionFaultStatuses.stream().filter(s -> s != status).forEach(statuses::add);
        return new Faults(duplicateProbability, reorderProbability, maxHold, delay, delayJitter,
            failFirstAttemptProbability, deliverBeforeResponse, actionFaultProbability, statuses, retryAfter, count,
            seed);
    }

    /** The same plan with {@code count} actions left to fail deterministically. */
    public Faults withFailNextActions(int count) {
        return new Faults(duplicateProbability, reorderProbability, maxHold, delay, delayJitter,
            failFirstAttemptProbability, deliverBeforeResponse, actionFaultProbability, actionFaultStatuses,
            retryAfter, count, seed);
    }

    public Faults withRetryAfter(Duration value) {
        return new Faults(duplicateProbability, reorderProbability, maxHold, delay, delayJitter,
            failFirstAttemptProbability, deliverBeforeResponse, actionFaultProbability, actionFaultStatuses, value,
            failNextActions, seed);
    }

    public Faults withSeed(Long value) {
        return new Faults(duplicateProbability, reorderProbability, maxHold, delay, delayJitter,
            failFirstAttemptProbability, deliverBeforeResponse, actionFaultProbability, actionFaultStatuses,
            retryAfter, failNextActions, value);
    }

    private static void requireProbability(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be a probability between 0 and 1: " + value);
        }
    }

    private static Duration notNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or positive");
        }
        return value;
    }
}
