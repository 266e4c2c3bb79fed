package dev.mandate.jobs.eval.control;

import dev.mandate.agent.control.KnownAgentVersions;
import dev.mandate.jobs.eval.entity.DatasetVersion;
import dev.mandate.jobs.eval.entity.EvalRun;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.Violation;
import dev.mandate.platform.id.TimeOrderedIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

/** A new eval run of a dataset version by an agent version, both of which must exist in the tenant (else 422). */
@ApplicationScoped
public class EvalRunPlans {

    static final Pattern DATASET = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,99}");

    @Inject
    EvalStore store;

    @Inject
    KnownAgentVersions agentVersions;

    public EvalRun plan(
            String tenant, String dataset, String datasetVersion, String agentId, String agentVersion, String by) {
        require(dataset, "dataset");
        require(datasetVersion, "datasetVersion");
        require(agentId, "agentId");
        require(agentVersion, "agentVersion");
        int version;
        try {
            version = Integer.parseInt(datasetVersion);
        } catch (NumberFormatException e) {
            throw unprocessable("datasetVersion", "must be a version number");
        }
        if (!DATASET.matcher(dataset).matches()) {
            throw unprocessable("dataset", "must be a dataset name");
        }
        DatasetVersion cases = store.version(tenant, dataset, version)
                .orElseThrow(
                        () -> unprocessable("datasetVersion", "dataset '" + dataset + "' has no version " + version));
        if (agentId.length() > 36
                || agentVersion.length() > 64
                || agentVersions.find(tenant, agentId, agentVersion).isEmpty()) {
            throw unprocessable("agentVersion", "agent " + agentId + " has no version '" + agentVersion + "'");
        }
        return new EvalRun(
                TimeOrderedIds.next(),
                cases.id(),
                dataset,
                version,
                agentId,
                agentVersion,
                null,
                EvalRun.STARTING,
                null,
                null,
                null,
                by,
                Instant.now().truncatedTo(ChronoUnit.MICROS),
                null);
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw unprocessable(field, "is required");
        }
    }

    static InvalidRequestException unprocessable(String field, String message) {
        return new InvalidRequestException(
                ProblemType.UNPROCESSABLE, field + ": " + message, List.of(new Violation(field, message)));
    }
}
