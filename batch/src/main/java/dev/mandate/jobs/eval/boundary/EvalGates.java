package dev.mandate.jobs.eval.boundary;

import dev.mandate.audit.boundary.AuditTrail;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.jobs.eval.control.EvalStore;
import dev.mandate.jobs.eval.control.GateJson;
import dev.mandate.jobs.eval.control.ReleaseGate;
import dev.mandate.jobs.eval.entity.EvalGate;
import dev.mandate.jobs.eval.entity.EvalRun;
import dev.mandate.jobs.eval.entity.GateFigures;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.error.ConflictException;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.error.Violation;
import dev.mandate.platform.id.TimeOrderedIds;
import dev.mandate.platform.paging.Page;
import dev.mandate.platform.paging.PageRequest;
import dev.mandate.platform.security.Caller;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Release gates: a candidate agent version's completed run against the current version's, on the same
 * dataset version ({@link ReleaseGate}); each decision is stored with its figures and audited.
 */
@Stateless
public class EvalGates {

    @Inject
    EvalStore store;

    @EJB
    AuditTrail audit;

    /**
     * @param thresholdPoints null: {@code mandate.evals.gate.threshold-points}
     * @param alpha null: {@code mandate.evals.gate.alpha}
     */
    public EvalGate decide(
            Caller caller, String candidateRun, String currentRun, Double thresholdPoints, Double alpha) {
        double threshold =
                thresholdPoints != null ? thresholdPoints : ConfigKey.EVALS_GATE_THRESHOLD_POINTS.get(Double.class);
        double level = alpha != null ? alpha : ConfigKey.EVALS_GATE_ALPHA.get(Double.class);
        if (!(threshold > 0 && threshold < 100)) {
            throw unprocessable("thresholdPoints", "must be more than 0 and less than 100 (percentage points)");
        }
        if (!(level > 0 && level <= 0.5)) {
            throw unprocessable("alpha", "must be more than 0 and at most 0.5");
        }
        EvalRun candidate = completed(caller, candidateRun, "candidateRun");
        EvalRun current = completed(caller, currentRun, "currentRun");
        if (candidate.id().equals(current.id())) {
            throw unprocessable("currentRun", "must be another run than the candidate's");
        }
        if (!candidate.datasetVersionId().equals(current.datasetVersionId())) {
            throw unprocessable(
                    "currentRun",
                    "ran dataset " + current.dataset() + " version " + current.datasetVersion() + ", the candidate "
                            + candidate.dataset() + " version " + candidate.datasetVersion()
                            + ": a gate compares the same cases");
        }
        int[] discordant = store.discordant(candidate.id(), current.id());
        GateFigures figures = ReleaseGate.decide(
                candidate.figures(), current.figures(), discordant[0], discordant[1], threshold, level);
        EvalGate gate = new EvalGate(
                TimeOrderedIds.next(),
                candidate.id(),
                current.id(),
                figures.verdict(),
                GateJson.of(figures, candidate, current).toString(),
                caller.subject(),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        store.insert(caller.tenant(), gate);
        audit.append(AuditEntry.adminChange(
                caller,
                "eval.gate-decided",
                candidate.agentId(),
                Map.of(
                        "gate", gate.id(),
                        "verdict", figures.verdict().name(),
                        "candidate", candidate.agentVersion(),
                        "current", current.agentVersion(),
                        "reason", figures.reason())));
        return gate;
    }

    public EvalGate get(Caller caller, String id) {
        return store.gate(caller.tenant(), id).orElseThrow(() -> new ResourceNotFoundException("eval gate", id));
    }

    public Page<EvalGate> list(Caller caller, PageRequest page) {
        return store.gates(caller.tenant(), page);
    }

    private EvalRun completed(Caller caller, String id, String field) {
        if (id == null || id.isBlank()) {
            throw unprocessable(field, "is required");
        }
        EvalRun run =
                store.run(caller.tenant(), id).orElseThrow(() -> unprocessable(field, "no eval run '" + id + "'"));
        if (!EvalRun.COMPLETED.equals(run.status())) {
            throw new ConflictException(field + " " + id + " is " + run.status() + "; a gate compares completed runs");
        }
        return run;
    }

    private static InvalidRequestException unprocessable(String field, String message) {
        return new InvalidRequestException(
                ProblemType.UNPROCESSABLE, field + ": " + message, List.of(new Violation(field, message)));
    }
}
