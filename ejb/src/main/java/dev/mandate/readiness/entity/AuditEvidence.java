package dev.mandate.readiness.entity;

import java.time.Instant;

/**
 * How the tenant's audit verified: by the latest run of the audit-verification job, or by a verification
 * made for the report because no run was recent enough.
 *
 * @param jobExecutionId the job's execution; null when verified now
 * @param firstBad where the first broken chain breaks ({@code chain 2 sequence 5 EDITED}); null when valid
 */
public record AuditEvidence(
        Source source,
        boolean valid,
        long chains,
        long brokenChains,
        long recordsChecked,
        Long jobExecutionId,
        Instant verifiedAt,
        String firstBad) {

    public enum Source {
        /** the latest run of the audit-verification job, recent enough to stand */
        NIGHTLY_JOB,
        /** verified for this report: no run of the job was recent enough */
        VERIFIED_NOW
    }
}
