package com.switchboard.emulator.faults;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The current {@link Faults} plan and the random that decides, fault by fault, whether it strikes; counts what was
 * injected since the plan was set. Thread-safe: the plan can be replaced while callbacks are in flight.
 */
public final class FaultInjector {

    private static final int FAULTED_ACTIONS_KEPT = 1_000;

    private volatile Plan plan;
    private final AtomicInteger failNextActions = new AtomicInteger();
    private final Map<FaultKind, LongAdder> counts = new EnumMap<>(FaultKind.class);
    private final Deque<FaultedAction> faultedActions = new ArrayDeque<>();

    public FaultInjector(Faults faults) {
        for (FaultKind kind : FaultKind.values()) {
            counts.put(kind, new LongAdder());
        }
        set(faults);
    }

    /** Replaces the plan, resets the counts and the log of faulted actions. */
    public synchronized void set(Faults faults) {
        plan = new Plan(faults, faults.seed() == null ? new Random() : new Random(faults.seed()));
        failNextActions.set(faults.failNextActions());
        counts.values().forEach(LongAdder::reset);
        faultedActions.clear();
    }

    /** The plan, with the actions still left to fail deterministically. */
    public Faults faults() {
        return plan.faults().withFailNextActions(failNextActions.get());
    }

    /** Whether a fault of the given probability strikes now. */
    public boolean strikes(double probability) {
        return probability >= 1 || probability > 0 && plan.random().nextDouble() < probability;
    }

    /** The extra delay before a callback delivery: the fixed delay plus a random part of the jitter. */
    public Duration deliveryDelay() {
        Faults faults = plan.faults();
        long jitterNanos = faults.delayJitter().toNanos();
        long random = jitterNanos == 0 ? 0 : (long) (plan.random().nextDouble() * (jitterNanos + 1));
        return faults.delay().plusNanos(random);
    }

    /** The status the next action fails with, if it is faulted: the next of {@code failNextActions}, or by chance. */
    public Optional<Integer> nextActionFault() {
        Faults faults = plan.faults();
        if (failNextActions.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            return Optional.of(faults.actionFaultStatuses().get(0));
        }
        if (strikes(faults.actionFaultProbability())) {
            List<Integer> statuses = faults.actionFaultStatuses();
            return Optional.of(statuses.get(plan.random().nextInt(statuses.size())));
        }
        return Optional.empty();
    }

    public void count(FaultKind kind) {
        counts.get(kind).increment();
    }

    public synchronized void record(FaultedAction action) {
        count(FaultKind.ACTION_FAULT);
        if (faultedActions.size() == FAULTED_ACTIONS_KEPT) {
            faultedActions.removeFirst();
        }
        faultedActions.addLast(action);
    }

    /** How often each kind of fault was injected since the plan was set; every kind is present. */
    public Map<FaultKind, Long> counts() {
        Map<FaultKind, Long> snapshot = new EnumMap<>(FaultKind.class);
        counts.forEach((kind, count) -> snapshot.put(kind, count.sum()));
        return Collections.unmodifiableMap(snapshot);
    }

    /** The actions refused since the plan was set, oldest first (the most recent 1000). */
    public synchronized List<FaultedAction> faultedActions() {
        return List.copyOf(faultedActions);
    }

    /** The current plan; read it once per decision. */
    public Faults current() {
        return plan.faults();
    }

    private record Plan(Faults faults, Random random) {
    }
}
