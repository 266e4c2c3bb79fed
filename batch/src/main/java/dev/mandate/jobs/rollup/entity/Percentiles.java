package dev.mandate.jobs.rollup.entity;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collection;
import java.util.List;

/**
 * Continuous percentiles, interpolated linearly between the two nearest ranks: the same definition as SQL's
 * {@code percentile_cont} (PostgreSQL, H2), so a plain query can check every figure.
 */
public final class Percentiles {

    private Percentiles() {}

    /** The {@code fraction} (0..1) percentile of the values; null when there are none. */
    public static BigDecimal of(Collection<BigDecimal> values, double fraction) {
        if (fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException("a percentile is a fraction from 0 to 1: " + fraction);
        }
        if (values.isEmpty()) {
            return null;
        }
        List<BigDecimal> sorted = values.stream().sorted().toList();
        BigDecimal position = BigDecimal.valueOf(fraction).multiply(BigDecimal.valueOf(sorted.size() - 1L));
        int lower = position.intValue();
        BigDecimal weight = position.subtract(BigDecimal.valueOf(lower));
        BigDecimal low = sorted.get(lower);
        if (weight.signum() == 0) {
            return low;
        }
        BigDecimal high = sorted.get(lower + 1);
        return low.add(high.subtract(low).multiply(weight, MathContext.DECIMAL64));
    }
}
