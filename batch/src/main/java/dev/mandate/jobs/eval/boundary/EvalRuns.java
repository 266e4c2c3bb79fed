package dev.mandate.jobs.eval.boundary;

import dev.mandate.jobs.eval.control.EvalRunPlans;
import dev.mandate.jobs.eval.control.EvalStore;
import dev.mandate.jobs.eval.entity.CaseResult;
import dev.mandate.jobs.eval.entity.EvalRun;
import dev.mandate.jobs.execution.boundary.JobExecutions;
import dev.mandate.jobs.execution.entity.JobRun;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.paging.Page;
import dev.mandate.platform.paging.PageRequest;
import dev.mandate.platform.security.Caller;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Eval runs of the tenant: started as executions of the {@code eval-run} job, read back with their figures
 * and per-case results. Outside a transaction, like {@link JobExecutions}: the run's row is committed before
 * the job, which runs on another thread, looks for it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EvalRuns {

    public static final String JOB = "eval-run";

    @Inject
    EvalRunPlans plans;

    @Inject
    EvalStore store;

    @EJB
    JobExecutions executions;

    /** A run started, and the job execution running it (to watch, stop or restart through the jobs API). */
    public record Started(EvalRun run, long jobExecutionId) {}

    /** A new run, STARTING; 422 where the dataset version or the agent version does not exist. */
    public Started start(Caller caller, String dataset, String datasetVersion, String agentId, String agentVersion) {
        EvalRun run = plans.plan(caller.tenant(), dataset, datasetVersion, agentId, agentVersion, caller.subject());
        store.insert(caller.tenant(), run);
        JobRun execution = executions.start(
                caller,
                JOB,
                Map.of(
                        "run", run.id(),
                        "dataset", dataset,
                        "datasetVersion", datasetVersion,
                        "agentId", agentId,
                        "agentVersion", agentVersion));
        return new Started(get(caller, run.id()), execution.id());
    }

    public EvalRun get(Caller caller, String id) {
        return store.run(caller.tenant(), id).orElseThrow(() -> new ResourceNotFoundException("eval run", id));
    }

    public Page<EvalRun> list(Caller caller, PageRequest page) {
        return store.runs(caller.tenant(), page);
    }

    public Page<CaseResult> results(Caller caller, String id, PageRequest page) {
        EvalRun run = get(caller, id);
        return store.results(run.id(), run.datasetVersionId(), page);
    }
}
