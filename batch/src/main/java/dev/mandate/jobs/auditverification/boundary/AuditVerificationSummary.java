package dev.mandate.jobs.auditverification.boundary;

import dev.mandate.jobs.auditverification.control.ChainVerifications;
import dev.mandate.jobs.auditverification.entity.VerificationSummary;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The last step: the chains' results become the execution's figures and exit status ({@code VALID}, or
 * {@code INVALID: chain 3 sequence 17 EDITED ...}); an invalid audit ends the job FAILED (the job XML's
 * {@code fail on="INVALID"}), so a scheduler sees it in the exit code.
 */
@Dependent
@Named("auditVerificationSummary")
public class AuditVerificationSummary extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @Inject
    ChainVerifications results;

    @Override
    public String process() {
        VerificationSummary summary = new VerificationSummary(results.of(job.getInstanceId()));
        step.setPersistentUserData(summary.figures());
        job.setExitStatus(summary.exitStatus());
        return summary.valid() ? "VALID" : "INVALID";
    }
}
