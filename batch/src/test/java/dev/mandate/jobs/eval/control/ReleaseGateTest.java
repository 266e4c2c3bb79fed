package dev.mandate.jobs.eval.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.jobs.eval.entity.GateFigures;
import dev.mandate.jobs.eval.entity.GateVerdict;
import dev.mandate.jobs.eval.entity.RunFigures;
import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReleaseGateTest {

    @Test
    void aGenuinelyWorseCandidateIsBlocked() {
        // 1000 cases: current 900 right, candidate 850; 70 lost, 20 gained
        GateFigures gate = ReleaseGate.decide(figures(1000, 850), figures(1000, 900), 70, 20, 2, 0.05);

        assertThat(gate.verdict()).isEqualTo(GateVerdict.BLOCK);
        assertThat(gate.successDropPoints()).isEqualTo(5.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(gate.pValue()).isLessThan(1e-6);
        assertThat(gate.reason()).contains("significant");
    }

    @Test
    void aDropWithinTheThresholdPassesEvenWhenSignificant() {
        // 10,000 cases: a drop of 1.5 points, every discordant pair against the candidate
        GateFigures gate = ReleaseGate.decide(figures(10_000, 8_850), figures(10_000, 9_000), 150, 0, 2, 0.05);

        assertThat(gate.pValue()).isLessThan(0.001);
        assertThat(gate.verdict()).isEqualTo(GateVerdict.PASS);
        assertThat(gate.reason()).contains("within the threshold");
    }

    @Test
    void aDropBeyondTheThresholdThatMayBeNoisePasses() {
        // 50 cases: 3 lost, 1 gained: 4 points down, but p = 5/16
        GateFigures gate = ReleaseGate.decide(figures(50, 43), figures(50, 45), 3, 1, 2, 0.05);

        assertThat(gate.successDropPoints()).isGreaterThan(2);
        assertThat(gate.pValue()).isCloseTo(5.0 / 16, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(gate.verdict()).isEqualTo(GateVerdict.PASS);
        assertThat(gate.reason()).contains("may be noise").contains("needed to detect");
        assertThat(gate.minimumCases()).isGreaterThan(50);
    }

    @Test
    void noisyButEqualCandidatesPassAlmostAlways() {
        // each case right with p = 0.9 for both versions, independently: the candidate is as good, only noisy
        Random random = new Random(19);
        int blocked = 0;
        for (int trial = 0; trial < 200; trial++) {
            int n = 500;
            int current = 0;
            int candidate = 0;
            int worse = 0;
            int better = 0;
            for (int i = 0; i < n; i++) {
                boolean a = random.nextDouble() < 0.9;
                boolean b = random.nextDouble() < 0.9;
                current += a ? 1 : 0;
                candidate += b ? 1 : 0;
                worse += a && !b ? 1 : 0;
                better += b && !a ? 1 : 0;
            }
            if (ReleaseGate.decide(figures(n, candidate), figures(n, current), worse, better, 2, 0.05)
                            .verdict()
                    == GateVerdict.BLOCK) {
                blocked++;
            }
        }
        // at most the test's level (5%) of false blocks, and fewer since the drop must also exceed 2 points
        assertThat(blocked).isLessThanOrEqualTo(10);
    }

    @Test
    void aBetterCandidatePasses() {
        GateFigures gate = ReleaseGate.decide(figures(1000, 950), figures(1000, 900), 10, 60, 2, 0.05);

        assertThat(gate.verdict()).isEqualTo(GateVerdict.PASS);
        assertThat(gate.successDropPoints()).isNegative();
    }

    private static RunFigures figures(int cases, int succeeded) {
        return new RunFigures(cases, succeeded, succeeded, cases, 0, 0, BigDecimal.ZERO);
    }
}
