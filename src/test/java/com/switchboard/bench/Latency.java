package com.switchboard.bench;

import java.time.Duration;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** Percentiles of a set of latencies, in milliseconds. */
record Latency(long count, double p50, double p95, double p99, double max) {

    static final Latency NONE = new Latency(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** The longest latency recorded as itself; longer ones count as this. */
    static final long MAX_MICROS = Duration.ofMinutes(1).toNanos() / 1000;

    /** A histogram of microseconds, up to {@link #MAX_MICROS}, 3 significant digits. */
    static Histogram histogram() {
        return new Histogram(MAX_MICROS, 3);
    }

    static void recordMicros(Histogram histogram, long micros) {
        histogram.recordValue(bounded(micros));
    }

    static long bounded(long micros) {
        return Math.max(0, Math.min(micros, MAX_MICROS));
    }

    static Latency of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return NONE;
        }
        return new Latency(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(95)),
                ms(micros.getValueAtPercentile(99)), ms(micros.getMaxValue()));
    }

    /** p50, p95 and p99 in milliseconds, one decimal each, joined by the separator. */
    String percentiles(String separator) {
        return String.format(Locale.ROOT, "%.1f%s%.1f%s%.1f", p50, separator, p95, separator, p99);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
