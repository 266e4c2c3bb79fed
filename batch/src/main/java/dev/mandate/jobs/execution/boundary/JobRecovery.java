package dev.mandate.jobs.execution.boundary;

import dev.mandate.audit.boundary.AuditTrail;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.jobs.execution.control.StuckExecutions;
import dev.mandate.platform.security.Caller;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Marks the executions of servers that are gone FAILED, each in a transaction of its own with its audit
 * record ({@code job.recovered}, in the execution's tenant), so they can be restarted.
 */
@Stateless
public class JobRecovery {

    /** The subject of recovery's audit records. */
    public static final String RECOVERY = "mandate-job-recovery";

    @Inject
    StuckExecutions stuck;

    @EJB
    AuditTrail audit;

    public List<StuckExecutions.Stuck> stuck(Instant now, long leaseSeconds) {
        return stuck.find(now, leaseSeconds);
    }

    /** True when this call marked it (not another server, meanwhile). */
    public boolean markFailed(StuckExecutions.Stuck execution, Instant now) {
        if (!stuck.markFailed(execution, now)) {
            return false;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("job", execution.jobName());
        details.put("execution", Long.toString(execution.executionId()));
        details.put("server", execution.serverId());
        details.put("lastSeen", execution.heartbeat().toString());
        audit.append(AuditEntry.adminChange(
                new Caller(execution.tenant(), RECOVERY, Set.of()), "job.recovered", null, details));
        return true;
    }
}
