package dev.mandate.jobs.auditverification.boundary;

import dev.mandate.jobs.auditverification.control.ChainVerifications;
import dev.mandate.jobs.auditverification.entity.ChainVerified;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Records each chain's result in the chunk's transaction, with the checkpoint. */
@Dependent
@Named("auditChainResultWriter")
public class AuditChainResultWriter extends AbstractItemWriter {

    @Inject
    JobContext job;

    @Inject
    ChainVerifications results;

    @Override
    public void writeItems(List<Object> items) {
        String tenant = AuditVerificationJob.tenant(job);
        for (Object item : items) {
            results.record(job.getInstanceId(), tenant, (ChainVerified) item);
        }
    }
}
