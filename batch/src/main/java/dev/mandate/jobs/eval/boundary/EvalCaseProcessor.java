package dev.mandate.jobs.eval.boundary;

import dev.mandate.agent.control.KnownAgentVersions;
import dev.mandate.agent.entity.AgentVersion;
import dev.mandate.jobs.eval.control.AgentEndpoint;
import dev.mandate.jobs.eval.control.CaseEnvelopes;
import dev.mandate.jobs.eval.control.EvalStore;
import dev.mandate.jobs.eval.entity.EvalCase;
import dev.mandate.jobs.eval.entity.EvalRun;
import dev.mandate.platform.config.ConfigKey;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import java.time.Duration;

/**
 * The agent version's envelope for a case: asked of its eval endpoint where it has one, else the case input
 * itself. An endpoint that fails to give one makes the case fail (with the reason), not the run.
 */
@Dependent
@Named("evalCaseProcessor")
public class EvalCaseProcessor implements ItemProcessor {

    /** A case with the envelope to decide, or the reason there is none. */
    record Prepared(EvalCase evalCase, JsonObject envelope, String error) {}

    @Inject
    JobContext job;

    @Inject
    EvalStore store;

    @Inject
    KnownAgentVersions agentVersions;

    @Inject
    AgentEndpoint endpoint;

    private EvalRun run;
    private String evalEndpoint;
    private Duration timeout;

    @Override
    public Object processItem(Object item) {
        EvalCase evalCase = (EvalCase) item;
        if (run == null) {
            run = EvalJob.run(job, store);
            evalEndpoint = agentVersions
                    .find(EvalJob.tenant(job), run.agentId(), run.agentVersion())
                    .map(AgentVersion::evalEndpoint)
                    .orElse(null);
            timeout = Duration.ofMillis(ConfigKey.EVALS_ENDPOINT_TIMEOUT_MILLIS.get(Long.class));
        }
        JsonObject envelope = evalCase.input();
        if (evalEndpoint != null) {
            try {
                envelope = endpoint.envelopeFor(evalEndpoint, evalCase.input(), timeout);
            } catch (AgentEndpoint.NoEnvelope failed) {
                return new Prepared(evalCase, null, failed.getMessage());
            }
        }
        return new Prepared(evalCase, CaseEnvelopes.complete(envelope, run.agentId(), evalCase.taskType()), null);
    }
}
