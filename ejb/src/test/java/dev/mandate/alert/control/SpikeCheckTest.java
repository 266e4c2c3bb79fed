package dev.mandate.alert.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.alert.entity.Verdict;
import org.junit.jupiter.api.Test;

class SpikeCheckTest {

    private static final double[] QUIET = {0, 0, 0, 0, 0, 0};

    @Test
    void oneErrorAfterNoneIsNoSpike() {
        Verdict verdict = SpikeCheck.judge(1, 1, QUIET, true, 3, 1, null);

        assertThat(verdict.firing()).isFalse();
        assertThat(verdict.mean()).isZero();
        assertThat(verdict.deviation()).as("the floor of a count's deviation").isEqualTo(1);
        assertThat(verdict.limit()).isEqualTo(3);
    }

    @Test
    void aBurstAfterAQuietNormIsASpike() {
        assertThat(SpikeCheck.judge(4, 4, QUIET, true, 3, 3, null).firing()).isTrue();
    }

    @Test
    void theMinimumCountHoldsBackASpikeOfTooFewEvents() {
        assertThat(SpikeCheck.judge(4, 4, QUIET, true, 3, 5, null).firing()).isFalse();
    }

    @Test
    void aValueWithinTheNormsUsualSwingIsNoSpike() {
        double[] busy = {40, 60, 45, 55, 50, 50};

        Verdict verdict = SpikeCheck.judge(70, 70, busy, true, 3, 3, null);

        assertThat(verdict.mean()).isEqualTo(50);
        assertThat(verdict.deviation())
                .as("sqrt(50) is above the measured deviation of about 6.5")
                .isEqualTo(Math.sqrt(50));
        assertThat(verdict.firing()).isFalse();
        assertThat(SpikeCheck.judge(72, 72, busy, true, 3, 3, null).firing()).isTrue();
    }

    @Test
    void aFixedThresholdFiresWhateverTheNorm() {
        double[] busy = {100, 100, 100};

        assertThat(SpikeCheck.judge(20, 20, busy, true, 3, 3, 20.0).firing()).isTrue();
        assertThat(SpikeCheck.judge(19, 19, busy, true, 3, 3, 20.0).firing()).isFalse();
    }

    @Test
    void windowsWithoutDataAreLeftOutOfANonCountNorm() {
        double[] costs = {Double.NaN, 1.0, Double.NaN, 1.2};

        Verdict verdict = SpikeCheck.judge(2.0, 5, costs, false, 3, 3, null);

        assertThat(verdict.mean()).isEqualTo(1.1);
        assertThat(verdict.firing()).isTrue();
        assertThat(SpikeCheck.judge(2.0, 5, new double[] {Double.NaN}, false, 3, 3, null)
                        .firing())
                .as("without a norm only a threshold fires")
                .isFalse();
    }
}
