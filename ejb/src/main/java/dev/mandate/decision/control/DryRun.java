package dev.mandate.decision.control;

/**
 * What the decision path would decide for one envelope, recording and reserving nothing: a verdict, or the
 * problem the envelope was refused with (e.g. a tool that does not exist), as the API would answer it.
 */
public record DryRun(Verdict verdict, String problemType, String problemDetail) {

    public static DryRun decided(Verdict verdict) {
        return new DryRun(verdict, null, null);
    }

    public static DryRun refused(String problemType, String problemDetail) {
        return new DryRun(null, problemType, problemDetail);
    }

    public boolean isDecided() {
        return verdict != null;
    }
}
