package dev.mandate.decision.control;

import dev.mandate.agent.entity.AgentSnapshot;
import dev.mandate.decision.control.DecisionFactsReader.Gathered;
import dev.mandate.decision.entity.EnvelopeSubmission;
import dev.mandate.platform.sql.Sql;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * What follows from a decision and must commit with it, written by the feature it belongs to (an approval
 * request for REQUIRE_APPROVAL, an escalation item for ESCALATE): {@link DecisionRecorder} offers every
 * decision to each follow-up before its write batch runs, so the decision never depends on those features.
 */
public interface DecisionFollowUp {

    /** A decision about to be recorded. */
    record Recorded(
            String tenant,
            String envelopeId,
            AgentSnapshot agent,
            EnvelopeSubmission submission,
            Gathered gathered,
            Verdict verdict,
            List<String> approverRoles) {}

    /**
     * What the follow-up added: a member of the agent's answer ({@code member}: {@code value}) and details
     * for the decision's audit record.
     */
    record Added(String member, JsonObject value, Map<String, String> auditDetails) {}

    /** Adds its rows to {@code writes} where the decision calls for it; null where it does not. */
    Added follow(Recorded decision, Sql.Writes writes);
}
