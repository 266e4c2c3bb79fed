package dev.mandate.jobs.execution.control;

import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Executions left unfinished by a server that is gone. Payara's batch runtime keeps an execution STARTED in
 * its repository when the server running it dies ({@code kill -9}, a power cut), and refuses to restart it:
 * only STOPPED and FAILED ones restart. An execution whose server ({@code job_run.server_id}) is this
 * server in an earlier life, or a server whose heartbeat stopped longer ago than the lease, cannot be running
 * any more; it is marked FAILED, with an exit status that says why, and may then be restarted from its last
 * checkpoint. Executions of live servers are never touched, nor ones Mandate did not start (no job_run row).
 */
@ApplicationScoped
public class StuckExecutions {

    static final String UNFINISHED = "('STARTING', 'STARTED', 'STOPPING')";
    static final int MAX_EXIT_STATUS_CHARS = 512;

    /** An unfinished execution, its tenant and job, its server and that server's last heartbeat (if any). */
    public record Stuck(long executionId, String tenant, String jobName, String serverId, Instant heartbeat) {}

    @Inject
    Sql sql;

    @Inject
    JobServer server;

    /** The unfinished executions whose server is gone, as seen at {@code now} with this lease. */
    public List<Stuck> find(Instant now, long leaseSeconds) {
        Instant expired = now.minusSeconds(leaseSeconds);
        List<Stuck> gone = new ArrayList<>();
        for (Stuck candidate : sql.list(
                "select r.execution_id, r.tenant_id, r.job_name, r.server_id, s.heartbeat_at, r.created_at"
                        + " from job_run r join executioninstancedata e on e.jobexecid = r.execution_id"
                        + " left join job_server s on s.server_id = r.server_id"
                        + " where e.batchstatus in " + UNFINISHED + " and r.server_id <> ?",
                row -> {
                    Timestamp heartbeat = row.getTimestamp(5);
                    Instant since = heartbeat != null
                            ? heartbeat.toInstant()
                            : row.getTimestamp(6).toInstant();
                    return new Stuck(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), since);
                },
                server.id())) {
            if (server.isEarlierLifeOfThisServer(candidate.serverId())
                    || candidate.heartbeat().isBefore(expired)) {
                gone.add(candidate);
            }
        }
        return gone;
    }

    /**
     * Marks the execution and its unfinished steps FAILED, if it is still unfinished (another server may have
     * marked it meanwhile); true when this call did. Times as the runtime writes them (the server's clock).
     */
    public boolean markFailed(Stuck stuck, Instant now) {
        String why = exitStatus(stuck);
        Timestamp at = Timestamp.from(now);
        int marked = sql.update(
                "update executioninstancedata set batchstatus = 'FAILED', exitstatus = ?, endtime = ?, updatetime = ?"
                        + " where jobexecid = ? and batchstatus in " + UNFINISHED,
                why,
                at,
                at,
                stuck.executionId());
        if (marked == 0) {
            return false;
        }
        sql.update(
                "update stepexecutioninstancedata set batchstatus = 'FAILED', exitstatus = ?, endtime = ?"
                        + " where jobexecid = ? and batchstatus in " + UNFINISHED,
                why,
                at,
                stuck.executionId());
        return true;
    }

    static String exitStatus(Stuck stuck) {
        String why = "FAILED: server " + stuck.serverId() + " stopped while it ran this execution (last seen "
                + stuck.heartbeat() + "); restart it to go on from its last checkpoint";
        return why.length() <= MAX_EXIT_STATUS_CHARS ? why : why.substring(0, MAX_EXIT_STATUS_CHARS);
    }
}
