package dev.mandate.metrics.control;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A cumulative histogram in the Prometheus sense: every observation counts in its bucket for good, so
 * {@code rate()} and {@code histogram_quantile()} work over any window. Payara's MicroProfile histogram
 * computes its buckets from a decaying sample of about a thousand values instead, so past that many its
 * bucket counts stop growing while {@code _count} goes on; that is why these are counted here and exported
 * through gauges ({@link MandateMetrics}).
 */
final class LatencyHistogram {

    /** Upper bounds in seconds, ascending. */
    private final double[] bounds;

    private final LongAdder[] counts;
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    LatencyHistogram(double[] bounds) {
        this.bounds = bounds;
        this.counts = new LongAdder[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void observe(long nanos) {
        double seconds = Math.max(0, nanos) / 1e9;
        for (int i = 0; i < bounds.length; i++) {
            if (seconds <= bounds[i]) {
                counts[i].increment();
                break;
            }
        }
        count.increment();
        sum.add(seconds);
    }

    /** Observations at most {@code bounds[index]} seconds. */
    long cumulative(int index) {
        long total = 0;
        for (int i = 0; i <= index; i++) {
            total += counts[i].sum();
        }
        return total;
    }

    long count() {
        return count.sum();
    }

    double sum() {
        return sum.sum();
    }

    double[] bounds() {
        return bounds.clone();
    }
}
