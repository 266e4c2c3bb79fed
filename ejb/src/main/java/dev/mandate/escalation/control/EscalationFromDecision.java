package dev.mandate.escalation.control;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.decision.control.DecisionFollowUp;
import dev.mandate.decision.entity.Decision;
import dev.mandate.escalation.entity.EscalationOpening;
import dev.mandate.escalation.entity.EscalationSource;
import dev.mandate.escalation.entity.Resolution;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/** An ESCALATE decision opens an item in the queue, in the decision's transaction. */
@ApplicationScoped
public class EscalationFromDecision implements DecisionFollowUp {

    @Inject
    EscalationQueue queue;

    @Override
    public Added follow(Recorded decision, Sql.Writes writes) {
        if (decision.verdict().decision() != Decision.ESCALATE) {
            return null;
        }
        String why = String.join(" | ", decision.verdict().reasons());
        boolean budget = why.startsWith("BUDGET_EXHAUSTED");
        boolean lowConfidence = why.startsWith("LOW_CONFIDENCE");
        EscalationSource source = budget
                ? EscalationSource.BUDGET_EXHAUSTED
                : lowConfidence ? EscalationSource.LOW_CONFIDENCE : EscalationSource.ESCALATE_DECISION;
        EscalationQueue.Opened opened = queue.open(
                writes,
                new EscalationOpening(
                        decision.tenant(),
                        decision.envelopeId(),
                        source,
                        decision.agent().id(),
                        decision.gathered().taskType().key(),
                        decision.gathered().tool().key(),
                        decision.gathered().action().key(),
                        decision.gathered().action().riskClass().name(),
                        why,
                        budget ? Resolution.REJECT : Resolution.EXECUTE,
                        suggestion(source),
                        null));
        return new Added(
                "escalation",
                JSON.createObjectBuilder()
                        .add("id", opened.id())
                        .add("status", "OPEN")
                        .add("slaClass", opened.slaClass())
                        .add("dueAt", opened.dueAt().toString())
                        .add("href", "/api/v1/escalations/" + opened.id())
                        .build(),
                Map.of("escalationId", opened.id()));
    }

    static String suggestion(EscalationSource source) {
        return switch (source) {
            case BUDGET_EXHAUSTED -> "the budget is spent: reject, or raise the budget and execute";
            case LOW_CONFIDENCE -> "the agent was unsure: check the arguments, execute or edit them";
            default -> "a rule asked for a person: execute if the action is right, else edit or reject";
        };
    }
}
