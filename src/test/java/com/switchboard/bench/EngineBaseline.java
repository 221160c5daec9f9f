package com.switchboard.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;

/**
 * The alternatives to Switchboard's callback path, run in-process on the same engine and database, correlating
 * the same ParticipantsUpdated message with the same call variables to the same live calls:
 * <ul>
 *   <li>{@link Lookup#PROCESS_INSTANCE_ID}: the bare engine's ceiling: no HTTP, no inbox, the owner known;</li>
 *   <li>{@link Lookup#CALL_CONNECTION_VARIABLE}: the naive integration, which finds the flow by
 *       {@code processInstanceVariableEquals("callConnectionId", ...)}.</li>
 * </ul>
 */
final class EngineBaseline {

    enum Lookup { PROCESS_INSTANCE_ID, CALL_CONNECTION_VARIABLE }

    record Result(double perSecond, Latency latency, long conflicts) {
    }

    private final RuntimeService runtime;

    EngineBaseline(RuntimeService runtime) {
        this.runtime = runtime;
    }

    Result run(Lookup lookup, List<LiveCall> calls, Duration duration, int threads) throws InterruptedException {
        Recorder latencies = new Recorder(Latency.MAX_MICROS, 3);
        AtomicLong correlated = new AtomicLong();
        AtomicLong conflicts = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads, CallbackLoad.daemon("engine-baseline"));
        for (int i = 0; i < threads; i++) {
            pool.execute(() -> {
                while (System.nanoTime() < end) {
                    LiveCall call = calls.get(ThreadLocalRandom.current().nextInt(calls.size()));
                    long began = System.nanoTime();
                    try {
                        correlation(lookup, call).setVariables(variables(call)).correlate();
                        latencies.recordValue(Latency.bounded((System.nanoTime() - began) / 1000));
                        correlated.incrementAndGet();
                    } catch (RuntimeException e) {
                        // Two threads picked the same call at once, and the engine refused the second (optimistic
                        // locking, or the wait was gone by then). Switchboard's lanes never do that: one call, one lane.
                        conflicts.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(duration.toSeconds() + 120, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        Histogram histogram = latencies.getIntervalHistogram();
        return new Result(correlated.get() / seconds, Latency.of(histogram), conflicts.get());
    }

    private MessageCorrelationBuilder correlation(Lookup lookup, LiveCall call) {
        MessageCorrelationBuilder correlation = runtime.createMessageCorrelation("ParticipantsUpdated");
        return lookup == Lookup.PROCESS_INSTANCE_ID
                ? correlation.processInstanceId(call.processInstanceId())
                : correlation.processInstanceVariableEquals("callConnectionId", call.callConnectionId());
    }

    /**
     * What Switchboard writes for these ParticipantsUpdated events (CallVariables writes only what changes): the new
     * participant list and its sequence number. The engine's minimum work to reach the same state.
     */
    private static Map<String, Object> variables(LiveCall call) {
        int sequenceNumber = call.sequence().incrementAndGet();
        Map<String, Object> variables = new HashMap<>();
        variables.put("participants", "[\"" + call.callee() + "\",\"8:acs:bench-guest-" + (sequenceNumber % 7) + "\"]");
        variables.put("participantsSequenceNumber", sequenceNumber);
        return variables;
    }
}
