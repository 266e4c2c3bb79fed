package dev.mandate.jobs.rollup.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    private static List<BigDecimal> values(String... values) {
        return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
    }

    @Test
    void interpolatesBetweenTheNearestRanksAsPercentileContDoes() {
        // percentile_cont(0.5) of 1, 2, 3, 10 is 2.5; percentile_cont(0.95) is 3 + 0.85 × 7 = 8.95
        List<BigDecimal> costs = values("10", "1", "3", "2");
        assertThat(Percentiles.of(costs, 0.5)).isEqualByComparingTo("2.5");
        assertThat(Percentiles.of(costs, 0.95)).isEqualByComparingTo("8.95");
        assertThat(Percentiles.of(costs, 0)).isEqualByComparingTo("1");
        assertThat(Percentiles.of(costs, 1)).isEqualByComparingTo("10");
    }

    @Test
    void oneValueIsEveryPercentileAndNoneHasNone() {
        assertThat(Percentiles.of(values("0.42"), 0.95)).isEqualByComparingTo("0.42");
        assertThat(Percentiles.of(List.of(), 0.5)).isNull();
    }

    @Test
    void theP95OfAHundredEvenlySpacedValues() {
        List<BigDecimal> hundred =
                IntStream.rangeClosed(1, 100).mapToObj(BigDecimal::valueOf).toList();
        // position 0.95 × 99 = 94.05: 95 + 0.05 × 1
        assertThat(Percentiles.of(hundred, 0.95)).isEqualByComparingTo("95.05");
        assertThat(Percentiles.of(hundred, 0.5)).isEqualByComparingTo("50.5");
    }

    @Test
    void aFractionOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> Percentiles.of(values("1"), 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.of(values("1"), -0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
