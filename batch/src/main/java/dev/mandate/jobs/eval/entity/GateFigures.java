package dev.mandate.jobs.eval.entity;

/**
 * The numbers a gate decided on. The success rates are over the same (paired) cases of one dataset version;
 * {@code successDropPoints} is current minus candidate, in percentage points (negative: the candidate is better).
 *
 * @param candidateWorse cases the current version got right and the candidate wrong
 * @param candidateBetter cases the candidate got right and the current version wrong
 * @param pValue McNemar's exact one-sided p-value that the candidate is worse
 * @param minimumCases paired cases needed to detect a drop of the threshold (see {@code assumptions})
 */
public record GateFigures(
        GateVerdict verdict,
        String reason,
        RunFigures candidate,
        RunFigures current,
        double successDropPoints,
        double thresholdPoints,
        int pairedCases,
        int candidateWorse,
        int candidateBetter,
        double pValue,
        double pValueTwoSided,
        double alpha,
        long minimumCases,
        String test,
        String assumptions) {}
