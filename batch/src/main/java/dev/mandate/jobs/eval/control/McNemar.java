package dev.mandate.jobs.eval.control;

/**
 * McNemar's test on paired binary outcomes, exact: under the null hypothesis (both versions succeed equally
 * often) each discordant pair is as likely to favour either version, so the count of pairs the candidate
 * lost is Binomial(discordant, 1/2). The gate asks one question, "is the candidate worse?", fixed before
 * looking at the data, so it uses the one-sided tail; the two-sided p-value (double the smaller tail) is
 * reported too.
 */
public final class McNemar {

    private static final double LN2 = Math.log(2);

    private McNemar() {}

    /**
     * P(X >= worse) for X ~ Binomial(worse + better, 1/2): the one-sided p-value that the candidate is worse,
     * where {@code worse} pairs succeeded only with the current version and {@code better} only with the
     * candidate. 1 when there is no discordant pair.
     */
    public static double oneSidedWorse(int worse, int better) {
        return upperTail(worse, worse + better);
    }

    /** min(1, 2 × the smaller tail). */
    public static double twoSided(int worse, int better) {
        int n = worse + better;
        return Math.min(1.0, 2 * Math.min(upperTail(worse, n), upperTail(better, n)));
    }

    /** P(X >= k), X ~ Binomial(n, 1/2), summed in log space from the pmf (exact to double precision). */
    static double upperTail(int k, int n) {
        if (k < 0 || n < 0 || k > n + 1) {
            throw new IllegalArgumentException("k=" + k + ", n=" + n);
        }
        if (k <= 0) {
            return 1.0;
        }
        // log C(n, j) built up from j = 0; each pmf term is C(n, j) / 2^n
        double logChoose = 0;
        double tail = 0;
        for (int j = 0; j <= n; j++) {
            if (j > 0) {
                logChoose += Math.log(n - j + 1) - Math.log(j);
            }
            if (j >= k) {
                tail += Math.exp(logChoose - n * LN2);
            }
        }
        return Math.min(1.0, tail);
    }

    /**
     * The fewest paired cases with which a one-sided test at level {@code alpha} detects a drop of {@code
     * delta} (a proportion, e.g. 0.02) with probability {@code power}, by Connor's (1987) formula for
     * McNemar's test: n = (z(1-α)·√ψ + z(power)·√(ψ − δ²))² / δ², where ψ is the share of discordant pairs.
     * ψ is the one observed, and at least δ (a drop of δ needs at least that much discordance). A normal
     * approximation: about right once n·ψ is a few dozen.
     */
    public static long minimumCases(double delta, double discordantShare, double alpha, double power) {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1): " + delta);
        }
        double psi = Math.min(1.0, Math.max(discordantShare, delta));
        double za = Normal.quantile(1 - alpha);
        double zb = Normal.quantile(power);
        double root = za * Math.sqrt(psi) + zb * Math.sqrt(Math.max(0, psi - delta * delta));
        return (long) Math.ceil(root * root / (delta * delta));
    }
}
