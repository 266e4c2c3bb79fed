package dev.mandate.jobs.eval.boundary;

import dev.mandate.jobs.eval.entity.EvalGate;
import dev.mandate.platform.security.Caller;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Set;

/**
 * The {@code eval-gate} job: one gate decision over two completed runs (job parameters {@code candidateRun},
 * {@code currentRun}, optionally {@code thresholdPoints} and {@code alpha}). Its exit status is the verdict,
 * {@code PASS} or {@code BLOCK}, for a scheduler to act on.
 */
@Dependent
@Named("evalGateDecision")
public class EvalGateJob extends AbstractBatchlet {

    @Inject
    JobContext job;

    @EJB
    EvalGates gates;

    @Override
    public String process() {
        EvalGate gate = gates.decide(
                new Caller(EvalJob.tenant(job), "job:" + job.getJobName(), Set.of()),
                EvalJob.property(job, "candidateRun"),
                EvalJob.property(job, "currentRun"),
                number(EvalJob.property(job, "thresholdPoints")),
                number(EvalJob.property(job, "alpha")));
        job.setExitStatus(gate.verdict().name());
        return gate.verdict().name();
    }

    private static Double number(String value) {
        return value == null ? null : Double.valueOf(value);
    }
}
