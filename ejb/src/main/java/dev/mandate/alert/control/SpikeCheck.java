package dev.mandate.alert.control;

import dev.mandate.alert.entity.Verdict;
import java.util.Arrays;

/**
 * Whether the current window is a spike against the recent norm: its value lies above the mean of the
 * baseline windows by more than {@code sensitivity} deviations, and at least {@code minCount} events (or
 * tasks) are behind it. The deviation has a floor, so a quiet norm does not make one event a spike: for
 * counts the square root of the mean and at least 1 (as for a Poisson count), otherwise a tenth of the mean.
 * A fixed threshold, when the rule has one, fires at that value whatever the norm (the minimum count still
 * applies). Baseline windows without any data ({@code NaN}: no tasks for cost per task) are left out; with
 * none left only the threshold fires.
 */
public final class SpikeCheck {

    private SpikeCheck() {}

    public static Verdict judge(
            double current,
            double events,
            double[] baseline,
            boolean count,
            double sensitivity,
            int minCount,
            Double threshold) {
        double[] known = Arrays.stream(baseline).filter(v -> !Double.isNaN(v)).toArray();
        double mean = Double.NaN;
        double deviation = Double.NaN;
        double limit = Double.NaN;
        boolean spike = false;
        if (known.length > 0) {
            mean = Arrays.stream(known).average().orElse(0);
            double m = mean;
            double variance = Arrays.stream(known).map(v -> (v - m) * (v - m)).sum() / known.length;
            double floor = count ? Math.max(1, Math.sqrt(mean)) : Math.max(mean / 10, 1e-6);
            deviation = Math.max(Math.sqrt(variance), floor);
            limit = mean + sensitivity * deviation;
            spike = current > limit;
        }
        boolean overThreshold = threshold != null && current >= threshold;
        boolean firing = events >= minCount && (spike || overThreshold);
        return new Verdict(firing, current, events, mean, deviation, limit);
    }
}
