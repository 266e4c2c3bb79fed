package dev.mandate.decision.boundary;

import dev.mandate.agent.boundary.Agents;
import dev.mandate.agent.entity.Agent;
import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.authority.boundary.ToolTiers;
import dev.mandate.budget.boundary.BudgetLedger;
import dev.mandate.catalog.boundary.Tools;
import dev.mandate.catalog.control.ArgumentSchemas;
import dev.mandate.catalog.entity.Tool;
import dev.mandate.catalog.entity.ToolAction;
import dev.mandate.decision.control.AgentMismatchException;
import dev.mandate.decision.control.DecisionFacts;
import dev.mandate.decision.control.DecisionRules;
import dev.mandate.decision.control.IdempotencyKeyRequiredException;
import dev.mandate.decision.control.PolicyFindings;
import dev.mandate.decision.control.RefusalMatcher;
import dev.mandate.decision.control.Verdict;
import dev.mandate.decision.entity.Decision;
import dev.mandate.decision.entity.Envelope;
import dev.mandate.decision.entity.EnvelopeAnswer;
import dev.mandate.decision.entity.EnvelopeRecord;
import dev.mandate.decision.entity.EnvelopeSubmission;
import dev.mandate.killswitch.boundary.KillSwitches;
import dev.mandate.killswitch.entity.KillSwitch;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.error.Violation;
import dev.mandate.platform.security.Caller;
import dev.mandate.rbac.boundary.Roles;
import dev.mandate.taxonomy.boundary.Taxonomy;
import dev.mandate.taxonomy.entity.TaskType;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The decision path for one envelope, in one transaction: validate against the catalogue and the task
 * taxonomy, gather the facts (tier, kill switch, refusal conditions, policy, shadow mode), decide,
 * reserve budget, and store the envelope and its answer together.
 */
@Stateless
public class Envelopes {

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @EJB
    Agents agents;

    @EJB
    Taxonomy taxonomy;

    @EJB
    Tools tools;

    @EJB
    ToolTiers toolTiers;

    @EJB
    KillSwitches killSwitches;

    @EJB
    BudgetLedger ledger;

    @EJB
    Roles roles;

    @EJB
    IdempotencyKeys idempotencyKeys;

    @Inject
    ArgumentSchemas schemas;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public EnvelopeAnswer decide(Caller caller, EnvelopeSubmission submission) {
        if (!submission.agentId().equals(caller.subject())) {
            throw new AgentMismatchException("agentId must be the calling agent (the token's subject)");
        }
        Agent agent = agents.get(caller, submission.agentId());
        TaskType taskType = taxonomy.findTaskType(caller.tenant(), submission.taskType())
                .orElseThrow(() -> unprocessable("taskType", "no task type '" + submission.taskType() + "'"));
        Tool tool = tools.find(caller.tenant(), submission.tool())
                .orElseThrow(() -> unprocessable("requestedAction.tool", "no tool '" + submission.tool() + "'"));
        ToolAction action = tool.action(submission.action())
                .orElseThrow(() -> unprocessable(
                        "requestedAction.action",
                        "tool '" + tool.key() + "' has no action '" + submission.action() + "'"));
        List<Violation> violations =
                schemas.validate(action.argumentSchema(), submission.arguments().toString());
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(
                    ProblemType.UNPROCESSABLE, "the arguments do not satisfy the tool action's schema", violations);
        }
        if (submission.idempotencyKey() == null && !action.riskClass().isReadOnly()) {
            throw new IdempotencyKeyRequiredException(
                    "an envelope for a " + action.riskClass() + " action needs an Idempotency-Key header");
        }

        AuthorityTier tier = toolTiers.effective(caller.tenant(), agent, tool.key());
        String killSwitch = killSwitches
                .activeFor(caller.tenant(), agent.id(), tool.key())
                .map(KillSwitch::describe)
                .orElse(null);
        PolicyFindings policy = PolicyFindings.none("0");
        DecisionFacts facts = new DecisionFacts(
                action.riskClass(),
                tier,
                killSwitch,
                taskType.allows(tool.key(), action.key()),
                RefusalMatcher.firstMatch(taskType.refusalConditions(), submission.envelope())
                        .orElse(null),
                policy,
                agent.shadowMode() || taskType.shadowMode());
        Verdict verdict = DecisionRules.decide(facts);

        Map<String, BigDecimal> remaining;
        if (verdict.decision().couldExecute()) {
            BudgetLedger.Reservation reservation = ledger.reserve(
                    caller.tenant(),
                    agent.id(),
                    submission.taskId(),
                    taskType.limits(),
                    submission.modelCalls(),
                    submission.cost());
            remaining = reservation.remaining();
            if (!reservation.granted()) {
                verdict = escalateForBudget(verdict, reservation.exhausted());
                remaining = ledger.remaining(caller.tenant(), agent.id());
            }
        } else {
            remaining = ledger.remaining(caller.tenant(), agent.id());
        }
        List<String> approverRoles = approverRoles(caller.tenant(), verdict, tool.key(), action.key());

        String envelopeId = UUID.randomUUID().toString();
        EnvelopeJson json = new EnvelopeJson(envelopeId, submission.traceId(), policy.policyVersion());
        String answerBody = json.answer(verdict, approverRoles, remaining);
        em.persist(new Envelope(new EnvelopeRecord(
                envelopeId,
                caller.tenant(),
                agent.id(),
                submission.taskId(),
                taskType.key(),
                tool.key(),
                action.key(),
                submission.traceId(),
                verdict.decision(),
                EnvelopeJson.array(verdict.reasons()),
                EnvelopeJson.array(verdict.ruleIds()),
                policy.policyVersion(),
                tier.name(),
                action.riskClass().name(),
                submission.cost(),
                submission.envelope().toString(),
                json.explain(verdict, facts, approverRoles, remaining),
                OffsetDateTime.now(ZoneOffset.UTC))));
        EnvelopeAnswer answer = new EnvelopeAnswer(200, answerBody, false);
        if (submission.idempotencyKey() != null) {
            idempotencyKeys.complete(caller.tenant(), agent.id(), submission.idempotencyKey(), answer);
        }
        return answer;
    }

    public EnvelopeRecord get(Caller caller, String id) {
        Envelope envelope = em.find(Envelope.class, id);
        boolean visible = envelope != null
                && envelope.tenantId().equals(caller.tenant())
                && (!caller.isAgent() || envelope.agentId().equals(caller.subject()));
        if (!visible) {
            throw new ResourceNotFoundException("envelope", id);
        }
        return envelope.record();
    }

    private static Verdict escalateForBudget(Verdict verdict, String exhausted) {
        List<String> reasons = new ArrayList<>();
        reasons.add("BUDGET_EXHAUSTED: " + exhausted);
        reasons.add("would have been " + verdict.decision());
        List<Verdict.Step> steps = new ArrayList<>(verdict.steps());
        steps.add(new Verdict.Step("budget", "exhausted", exhausted));
        return new Verdict(Decision.ESCALATE, reasons, verdict.ruleIds(), null, steps);
    }

    private List<String> approverRoles(String tenant, Verdict verdict, String tool, String action) {
        if (verdict.decision() != Decision.REQUIRE_APPROVAL) {
            return List.of();
        }
        if (verdict.approverRole() != null) {
            return List.of(verdict.approverRole());
        }
        return roles.approverRolesFor(tenant, tool, action);
    }

    private static InvalidRequestException unprocessable(String field, String message) {
        return new InvalidRequestException(
                ProblemType.UNPROCESSABLE, field + ": " + message, List.of(new Violation(field, message)));
    }
}
