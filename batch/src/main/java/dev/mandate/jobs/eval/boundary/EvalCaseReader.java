package dev.mandate.jobs.eval.boundary;

import dev.mandate.jobs.eval.control.EvalStore;
import dev.mandate.jobs.eval.entity.EvalCase;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;

/** Reads the run's cases in order; the checkpoint is the last case read, so a restart reads on after it. */
@Dependent
@Named("evalCaseReader")
public class EvalCaseReader extends AbstractItemReader {

    static final int PAGE = 500;

    @Inject
    JobContext job;

    @Inject
    EvalStore store;

    private final Deque<EvalCase> page = new ArrayDeque<>();
    private String datasetVersionId;
    private int lastSeq;
    private boolean exhausted;

    @Override
    public void open(Serializable checkpoint) {
        datasetVersionId = EvalJob.run(job, store).datasetVersionId();
        lastSeq = checkpoint == null ? 0 : (Integer) checkpoint;
    }

    @Override
    public Object readItem() {
        if (page.isEmpty() && !exhausted) {
            page.addAll(store.cases(datasetVersionId, lastSeq, PAGE));
            exhausted = page.size() < PAGE;
        }
        EvalCase next = page.poll();
        if (next != null) {
            lastSeq = next.seq();
        }
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastSeq;
    }
}
