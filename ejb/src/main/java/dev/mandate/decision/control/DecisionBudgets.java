package dev.mandate.decision.control;

import dev.mandate.budget.control.BudgetLedger;
import dev.mandate.catalog.entity.ConnectorDefinition;
import dev.mandate.decision.control.DecisionFactsReader.Gathered;
import dev.mandate.decision.entity.Decision;
import dev.mandate.decision.entity.EnvelopeSubmission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reserves a decided envelope's spend: only a decision that could execute reserves (one awaiting
 * approval too, held for it, so an approval cannot overspend). Where a limit would be exceeded the
 * decision becomes {@code ESCALATE} with {@code BUDGET_EXHAUSTED}.
 */
@ApplicationScoped
public class DecisionBudgets {

    @Inject
    BudgetLedger ledger;

    /** The verdict after reserving, and what is left of each budget. */
    public record Reserved(Verdict verdict, Map<String, BigDecimal> remaining) {}

    public Reserved reserve(
            String tenant,
            String agentId,
            EnvelopeSubmission submission,
            Gathered gathered,
            Verdict verdict,
            String envelopeId) {
        if (!verdict.decision().couldExecute()) {
            return new Reserved(verdict, gathered.budgetBefore());
        }
        boolean awaitsApproval = verdict.decision() == Decision.REQUIRE_APPROVAL;
        BudgetLedger.Reservation reservation = ledger.reserve(
                tenant,
                agentId,
                submission.taskId(),
                gathered.taskType().limits(),
                submission.modelCalls(),
                costWithTool(submission, gathered),
                gathered.budgets(),
                awaitsApproval ? envelopeId : null);
        if (!reservation.granted()) {
            // the failed reservation undid itself: what is left is what was read before deciding
            return new Reserved(escalateForBudget(verdict, reservation.exhausted()), gathered.budgetBefore());
        }
        if (awaitsApproval && !gathered.budgets().isEmpty()) {
            verdict = withStep(
                    verdict,
                    new Verdict.Step(
                            "budget", "held for approval", submission.cost().toPlainString()));
        }
        return new Reserved(verdict, reservation.remaining());
    }

    /**
     * What the envelope will cost if it executes: the model usage the agent reports and the tool's own
     * price for the first call (the proxy meters every call; see the execution's cost).
     */
    public static BigDecimal costWithTool(EnvelopeSubmission submission, Gathered gathered) {
        ConnectorDefinition connector = gathered.action().connector();
        return connector == null || connector.pricePerCall() == null
                ? submission.cost()
                : submission.cost().add(connector.pricePerCall());
    }

    private static Verdict escalateForBudget(Verdict verdict, String exhausted) {
        List<String> reasons = new ArrayList<>();
        reasons.add("BUDGET_EXHAUSTED: " + exhausted);
        reasons.add("would have been " + verdict.decision());
        List<Verdict.Step> steps = new ArrayList<>(verdict.steps());
        steps.add(new Verdict.Step("budget", "exhausted", exhausted));
        return new Verdict(Decision.ESCALATE, reasons, verdict.ruleIds(), null, steps);
    }

    private static Verdict withStep(Verdict verdict, Verdict.Step step) {
        List<Verdict.Step> steps = new ArrayList<>(verdict.steps());
        steps.add(step);
        return new Verdict(verdict.decision(), verdict.reasons(), verdict.ruleIds(), verdict.approverRole(), steps);
    }
}
