package dev.mandate.jobs.eval.control;

import dev.mandate.jobs.eval.entity.GateFigures;
import dev.mandate.jobs.eval.entity.GateVerdict;
import dev.mandate.jobs.eval.entity.RunFigures;
import java.util.Locale;

/**
 * Candidate against current on the same cases: BLOCK only when the success rate drops by more than the
 * threshold AND McNemar's exact one-sided test on the paired cases says the drop is not chance (p < alpha).
 * A drop within the noise passes, and so does a significant drop smaller than the threshold.
 */
public final class ReleaseGate {

    static final double POWER = 0.8;
    static final String TEST = "exact McNemar (binomial on the discordant pairs), one-sided: is the candidate worse";

    private ReleaseGate() {}

    /**
     * @param candidateWorse paired cases only the current version got right
     * @param candidateBetter paired cases only the candidate got right
     */
    public static GateFigures decide(
            RunFigures candidate,
            RunFigures current,
            int candidateWorse,
            int candidateBetter,
            double thresholdPoints,
            double alpha) {
        int paired = current.cases();
        double drop = 100 * (current.successRate() - candidate.successRate());
        double p = McNemar.oneSidedWorse(candidateWorse, candidateBetter);
        double pTwo = McNemar.twoSided(candidateWorse, candidateBetter);
        double discordantShare = paired == 0 ? 0 : (double) (candidateWorse + candidateBetter) / paired;
        long minimum = McNemar.minimumCases(thresholdPoints / 100, discordantShare, alpha, POWER);
        boolean beyondThreshold = drop > thresholdPoints;
        boolean significant = p < alpha;
        GateVerdict verdict = beyondThreshold && significant ? GateVerdict.BLOCK : GateVerdict.PASS;
        String reason;
        if (verdict == GateVerdict.BLOCK) {
            reason = String.format(
                    Locale.ROOT,
                    "success drops %.2f points (threshold %.2f) and the drop is significant (p = %.4g < %.2g)",
                    drop,
                    thresholdPoints,
                    p,
                    alpha);
        } else if (!beyondThreshold) {
            reason = String.format(
                    Locale.ROOT, "success drops %.2f points, within the threshold of %.2f", drop, thresholdPoints);
        } else {
            reason = String.format(
                    Locale.ROOT,
                    "success drops %.2f points (threshold %.2f) but the drop may be noise (p = %.4g >= %.2g)%s",
                    drop,
                    thresholdPoints,
                    p,
                    alpha,
                    paired < minimum
                            ? "; " + paired + " paired cases, " + minimum + " needed to detect the threshold"
                            : "");
        }
        String assumptions = String.format(
                Locale.ROOT,
                "minimumCases: Connor (1987) sample size for McNemar's test, one-sided alpha %.2g, power %.0f%%,"
                        + " a true drop of %.2f points, discordant pairs at the observed share %.4f (at least the"
                        + " drop), normal approximation",
                alpha,
                POWER * 100,
                thresholdPoints,
                Math.max(discordantShare, thresholdPoints / 100));
        return new GateFigures(
                verdict,
                reason,
                candidate,
                current,
                drop,
                thresholdPoints,
                paired,
                candidateWorse,
                candidateBetter,
                p,
                pTwo,
                alpha,
                minimum,
                TEST,
                assumptions);
    }
}
