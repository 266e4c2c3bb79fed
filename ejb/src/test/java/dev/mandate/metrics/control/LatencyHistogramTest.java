package dev.mandate.metrics.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void bucketsAreCumulativeAndKeepEveryObservation() {
        LatencyHistogram histogram = new LatencyHistogram(new double[] {0.001, 0.005, 0.02});

        histogram.observe(500_000); // 0.5 ms
        histogram.observe(1_000_000); // exactly 1 ms: in le="0.001"
        histogram.observe(3_000_000);
        histogram.observe(50_000_000); // above every bound: only in +Inf (count)
        for (int i = 0; i < 5000; i++) {
            histogram.observe(4_000_000);
        }

        assertThat(histogram.cumulative(0)).isEqualTo(2);
        assertThat(histogram.cumulative(1)).isEqualTo(5003);
        assertThat(histogram.cumulative(2)).isEqualTo(5003);
        assertThat(histogram.count()).isEqualTo(5004);
        assertThat(histogram.sum()).isCloseTo(0.0005 + 0.001 + 0.003 + 0.05 + 5000 * 0.004, within(1e-9));
    }
}
