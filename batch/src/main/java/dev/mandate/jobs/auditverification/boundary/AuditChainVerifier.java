package dev.mandate.jobs.auditverification.boundary;

import dev.mandate.audit.boundary.AuditVerification;
import dev.mandate.jobs.auditverification.control.ChainVerifications;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Verifies one chain of the tenant's audit with the online verifier's own code ({@link AuditVerification}). */
@Dependent
@Named("auditChainVerifier")
public class AuditChainVerifier implements ItemProcessor {

    @Inject
    JobContext job;

    @EJB
    AuditVerification verification;

    @Override
    public Object processItem(Object chain) {
        return ChainVerifications.of(verification.verifyChain(AuditVerificationJob.tenant(job), (Integer) chain));
    }
}
