package dev.mandate.jobs.eval.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class McNemarTest {

    @Test
    void theOneSidedPValueIsTheBinomialTailOfTheDiscordantPairs() {
        // 15 of 20 discordant pairs against the candidate: sum C(20, k), k = 15..20, over 2^20 = 21700 / 1048576
        assertThat(McNemar.oneSidedWorse(15, 5)).isCloseTo(21700.0 / 1048576, within(1e-15));
        // 10 of 12: (66 + 12 + 1) / 4096
        assertThat(McNemar.oneSidedWorse(10, 2)).isCloseTo(79.0 / 4096, within(1e-15));
        // 7 of 10: (120 + 45 + 10 + 1) / 1024
        assertThat(McNemar.oneSidedWorse(7, 3)).isCloseTo(176.0 / 1024, within(1e-15));
    }

    @Test
    void theTwoSidedPValueDoublesTheSmallerTail() {
        assertThat(McNemar.twoSided(15, 5)).isCloseTo(2 * 21700.0 / 1048576, within(1e-15));
        assertThat(McNemar.twoSided(5, 15)).isCloseTo(2 * 21700.0 / 1048576, within(1e-15));
        assertThat(McNemar.twoSided(5, 5)).isEqualTo(1.0);
    }

    @Test
    void agrestisPresidentialApprovalExampleIsFarBeyondChance() {
        // Agresti, Categorical Data Analysis (2nd ed.), Table 10.1: 150 vs 86 discordant pairs, z = 4.17;
        // the exact two-sided p-value is 3.7159e-5
        assertThat(McNemar.twoSided(150, 86)).isCloseTo(3.7159361395713866e-05, within(1e-12));
        assertThat(McNemar.oneSidedWorse(150, 86)).isCloseTo(1.8579680697856933e-05, within(1e-12));
    }

    @Test
    void aCandidateThatOnlyGainedIsNotSignificantlyWorse() {
        assertThat(McNemar.oneSidedWorse(0, 30)).isEqualTo(1.0);
        assertThat(McNemar.oneSidedWorse(59, 121)).isGreaterThan(0.999);
    }

    @Test
    void withoutDiscordantPairsThereIsNoEvidence() {
        assertThat(McNemar.oneSidedWorse(0, 0)).isEqualTo(1.0);
        assertThat(McNemar.twoSided(0, 0)).isEqualTo(1.0);
    }

    @Test
    void largeDatasetsStayFiniteAndExact() {
        // 100,000 discordant pairs split evenly: the tail is a little over a half
        double p = McNemar.oneSidedWorse(50_000, 50_000);
        assertThat(p).isBetween(0.5, 0.51);
        assertThat(McNemar.oneSidedWorse(60_000, 40_000)).isEqualTo(0.0);
    }

    @Test
    void minimumCasesFollowsConnorsFormula() {
        // (z(0.95) sqrt(0.1) + z(0.8) sqrt(0.1 - 0.02^2))^2 / 0.02^2 = 1543.55
        assertThat(McNemar.minimumCases(0.02, 0.1, 0.05, 0.8)).isEqualTo(1544);
        assertThat(McNemar.minimumCases(0.05, 0.2, 0.05, 0.8)).isEqualTo(493);
        assertThat(McNemar.minimumCases(0.1, 0.3, 0.025, 0.9)).isEqualTo(312);
        // with fewer discordant pairs than the drop itself, the drop's own share is assumed
        assertThat(McNemar.minimumCases(0.02, 0.0, 0.05, 0.8)).isEqualTo(McNemar.minimumCases(0.02, 0.02, 0.05, 0.8));
    }

    @Test
    void normalQuantilesMatchTheTables() {
        assertThat(Normal.quantile(0.975)).isCloseTo(1.959963984540054, within(1e-8));
        assertThat(Normal.quantile(0.01)).isCloseTo(-2.3263478740408408, within(1e-8));
        assertThat(Normal.quantile(0.5)).isCloseTo(0, within(1e-12));
    }
}
