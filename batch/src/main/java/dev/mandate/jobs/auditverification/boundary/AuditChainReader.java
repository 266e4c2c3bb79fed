package dev.mandate.jobs.auditverification.boundary;

import dev.mandate.audit.boundary.AuditVerification;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads the numbers of the tenant's audit chains, in order. The checkpoint is the last chain read: a restart
 * reads on after it (chains added meanwhile are read too).
 */
@Dependent
@Named("auditChainReader")
public class AuditChainReader extends AbstractItemReader {

    @Inject
    JobContext job;

    @EJB
    AuditVerification verification;

    private final Deque<Integer> chains = new ArrayDeque<>();
    private Integer last;

    @Override
    public void open(Serializable checkpoint) {
        last = (Integer) checkpoint;
        for (int chain : verification.chains(AuditVerificationJob.tenant(job))) {
            if (last == null || chain > last) {
                chains.add(chain);
            }
        }
    }

    @Override
    public Object readItem() {
        Integer next = chains.poll();
        if (next != null) {
            last = next;
        }
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        return last;
    }
}
