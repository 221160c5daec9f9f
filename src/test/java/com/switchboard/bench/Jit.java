package com.switchboard.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * The JIT compiler's share of the machine. Switchboard brings Spring, the engine and H2: on two cores their code keeps
 * the compiler busy for minutes, taking CPU from what is measured, where the hand-written handler's few classes are
 * compiled in seconds. A node that has run for a while has its code compiled; the benchmark measures that node, so it
 * warms up until the compiler has (nearly) settled, and says how busy the compiler was in what it measured.
 */
final class Jit {

    private static final CompilationMXBean COMPILER = ManagementFactory.getCompilationMXBean();

    private Jit() {
    }

    /** The compiler threads' time so far, summed over them (0 where the JVM does not count it). */
    static long compileMillis() {
        return COMPILER != null && COMPILER.isCompilationTimeMonitoringSupported() ? COMPILER.getTotalCompilationTime() : 0;
    }

    /** The compiler's time since {@code fromCompileMillis} as a share of one core's over {@code wall}. */
    static double shareSince(long fromCompileMillis, Duration wall) {
        return wall.isZero() ? 0 : (compileMillis() - fromCompileMillis) / (double) wall.toMillis();
    }

    /** Starts measuring the compiler's share of one core from now. */
    static Meter meter() {
        return new Meter(compileMillis(), System.nanoTime());
    }

    /** The compiler's time and the clock at a start. */
    record Meter(long compiledMillis, long startNanos) {

        /** Since the start, as a share of one core's time. */
        double share() {
            return shareSince(compiledMillis, Duration.ofNanos(System.nanoTime() - startNanos));
        }

        String percent() {
            return "%.0f %%".formatted(100 * share());
        }
    }

    /** One round of warm-up load, returning when its work is done. */
    interface Round {
        void run() throws Exception;
    }

    /** How the warm-up ended: the rounds run, and the compiler's share of one core in the last of them. */
    record Settled(int rounds, double lastShare, Duration took) {

        @Override
        public String toString() {
            return "%d round%s in %d s, the compiler at %.0f %% of one core in the last".formatted(rounds,
                    rounds == 1 ? "" : "s", took.toSeconds(), lastShare * 100);
        }
    }

    /**
     * Runs {@code round} at least {@code minRounds} times, then until two rounds in a row each kept the compiler
     * busy for at most {@code settledShare} of one core (one quiet round can fall between two busy ones), or
     * {@code maxRounds} were run.
     */
    static Settled warmUp(int minRounds, int maxRounds, double settledShare, Round round) throws Exception {
        long began = System.nanoTime();
        double share = 1;
        int rounds = 0;
        int quietInARow = 0;
        while (rounds < maxRounds && (rounds < minRounds || quietInARow < 2)) {
            Meter meter = meter();
            round.run();
            share = meter.share();
            quietInARow = share <= settledShare ? quietInARow + 1 : 0;
            rounds++;
            System.out.printf("warm-up round %d: the compiler at %.0f %% of one core%n", rounds, share * 100);
        }
        return new Settled(rounds, share, Duration.ofNanos(System.nanoTime() - began));
    }
}
