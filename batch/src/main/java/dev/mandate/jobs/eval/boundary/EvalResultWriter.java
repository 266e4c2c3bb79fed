package dev.mandate.jobs.eval.boundary;

import dev.mandate.decision.boundary.DryRunDecisions;
import dev.mandate.decision.control.DryRun;
import dev.mandate.decision.entity.EnvelopeSubmission;
import dev.mandate.jobs.eval.control.CaseEnvelopes;
import dev.mandate.jobs.eval.control.CaseScoring;
import dev.mandate.jobs.eval.control.EvalStore;
import dev.mandate.jobs.eval.entity.CaseScore;
import dev.mandate.jobs.eval.entity.EvalRun;
import dev.mandate.platform.error.ProblemType;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides a chunk's envelopes in dry run, all in one read-only transaction of their own, scores them, and
 * writes the scores in the chunk's transaction, with its checkpoint: a restart neither loses nor repeats a case.
 */
@Dependent
@Named("evalResultWriter")
public class EvalResultWriter extends AbstractItemWriter {

    @Inject
    JobContext job;

    @Inject
    EvalStore store;

    @EJB
    DryRunDecisions dryRuns;

    @Override
    public void writeItems(List<Object> items) {
        EvalRun run = EvalJob.run(job, store);
        List<EvalCaseProcessor.Prepared> prepared =
                items.stream().map(EvalCaseProcessor.Prepared.class::cast).toList();
        List<EnvelopeSubmission> submissions = new ArrayList<>();
        for (EvalCaseProcessor.Prepared p : prepared) {
            if (p.error() == null) {
                EnvelopeSubmission submission = CaseEnvelopes.submission(
                        p.envelope(), run.id(), p.evalCase().seq());
                if (submission != null) {
                    submissions.add(submission);
                }
            }
        }
        DryRunDecisions.Replayed replayed = dryRuns.replay(EvalJob.tenant(job), run.agentId(), submissions);
        store.running(run.id(), replayed.policyVersion(), replayed.generation());
        List<CaseScore> scores = new ArrayList<>(prepared.size());
        int next = 0;
        for (EvalCaseProcessor.Prepared p : prepared) {
            int seq = p.evalCase().seq();
            if (p.error() != null) {
                scores.add(CaseScore.failed(seq, p.error()));
                continue;
            }
            DryRun outcome;
            if (CaseEnvelopes.submission(p.envelope(), run.id(), seq) == null) {
                outcome = DryRun.refused(
                        ProblemType.VALIDATION_FAILED.uri(),
                        "the envelope lacks taskType or requestedAction (tool, action, arguments)");
            } else {
                outcome = replayed.outcomes().get(next++);
            }
            scores.add(CaseScoring.score(p.evalCase(), p.envelope(), outcome, CaseEnvelopes.cost(p.envelope())));
        }
        store.insertResults(run.id(), scores);
    }
}
