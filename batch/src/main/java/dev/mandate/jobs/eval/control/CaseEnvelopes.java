package dev.mandate.jobs.eval.control;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.decision.entity.EnvelopeSubmission;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.math.BigDecimal;

/**
 * A case's envelope as the decision path takes it: the agent's id set (an eval speaks for the agent under
 * test), the task type from the case where the envelope has none, and an idempotency key of the run's own
 * (the path asks for one on any action that is not read-only; nothing is claimed in dry run).
 */
public final class CaseEnvelopes {

    private CaseEnvelopes() {}

    /** The envelope completed with the agent and task type. */
    public static JsonObject complete(JsonObject envelope, String agentId, String taskType) {
        var builder = JSON.createObjectBuilder(envelope).add("agentId", agentId);
        if (!(envelope.get("taskType") instanceof JsonString)) {
            builder.add("taskType", taskType);
        }
        return builder.build();
    }

    /**
     * The submission, or null where the envelope lacks what the API would require (tool, action, arguments):
     * the API would refuse it with 400.
     */
    public static EnvelopeSubmission submission(JsonObject envelope, String runId, int seq) {
        if (!(envelope.get("requestedAction") instanceof JsonObject action)
                || !(action.get("tool") instanceof JsonString tool)
                || !(action.get("action") instanceof JsonString name)
                || !(action.get("arguments") instanceof JsonObject arguments)
                || !(envelope.get("taskType") instanceof JsonString taskType)) {
            return null;
        }
        int calls = 0;
        BigDecimal cost = BigDecimal.ZERO;
        if (envelope.get("modelUsage") instanceof JsonObject usage) {
            calls = usage.get("calls") instanceof JsonNumber n ? n.intValue() : 1;
            cost = cost(envelope);
        }
        return new EnvelopeSubmission(
                envelope.getString("agentId"),
                envelope.get("taskId") instanceof JsonString t ? t.getString() : "eval-" + runId + "-" + seq,
                taskType.getString(),
                tool.getString(),
                name.getString(),
                arguments,
                envelope,
                calls,
                cost,
                "00000000000000000000000000000000",
                "eval-" + runId + "-" + seq,
                null);
    }

    /** What the envelope reports it cost (model usage), zero where it reports nothing or nonsense. */
    public static BigDecimal cost(JsonObject envelope) {
        if (envelope.get("modelUsage") instanceof JsonObject usage
                && usage.get("cost") instanceof JsonNumber c
                && c.bigDecimalValue().signum() >= 0
                && c.bigDecimalValue().compareTo(BigDecimal.valueOf(1_000_000)) <= 0) {
            return c.bigDecimalValue();
        }
        return BigDecimal.ZERO;
    }
}
