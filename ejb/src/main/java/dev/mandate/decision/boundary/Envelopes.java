package dev.mandate.decision.boundary;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.agent.control.ActiveAgents;
import dev.mandate.agent.entity.Agent;
import dev.mandate.agent.entity.AgentSnapshot;
import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.audit.boundary.AuditTrail;
import dev.mandate.audit.control.AuditAppender;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.authority.boundary.ToolTiers;
import dev.mandate.budget.boundary.BudgetLedger;
import dev.mandate.budget.entity.BudgetCap;
import dev.mandate.catalog.control.ArgumentSchemas;
import dev.mandate.catalog.entity.ToolActionDefinition;
import dev.mandate.catalog.entity.ToolDefinition;
import dev.mandate.decision.control.AgentMismatchException;
import dev.mandate.decision.control.DecisionConfiguration;
import dev.mandate.decision.control.DecisionConfiguration.ActiveKillSwitch;
import dev.mandate.decision.control.DecisionConfigurations;
import dev.mandate.decision.control.DecisionFacts;
import dev.mandate.decision.control.DecisionRules;
import dev.mandate.decision.control.IdempotencyKeyRequiredException;
import dev.mandate.decision.control.IdempotencyKeys;
import dev.mandate.decision.control.OnDemandMap;
import dev.mandate.decision.control.PlainJson;
import dev.mandate.decision.control.PolicyFindings;
import dev.mandate.decision.control.RateCounters;
import dev.mandate.decision.control.RefusalMatcher;
import dev.mandate.decision.control.Verdict;
import dev.mandate.decision.entity.Decision;
import dev.mandate.decision.entity.Envelope;
import dev.mandate.decision.entity.EnvelopeAnswer;
import dev.mandate.decision.entity.EnvelopeRecord;
import dev.mandate.decision.entity.EnvelopeSubmission;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.MandateException;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.error.Violation;
import dev.mandate.platform.id.TimeOrderedIds;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.sql.Sql;
import dev.mandate.policy.boundary.PolicyEvaluator;
import dev.mandate.policy.control.PolicyCache;
import dev.mandate.policy.control.PolicyInput;
import dev.mandate.policy.control.PolicyOutcome;
import dev.mandate.rbac.boundary.Roles;
import dev.mandate.rbac.control.AgentGrants;
import dev.mandate.taxonomy.entity.TaskTypeDefinition;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decision path for one envelope, in one transaction: validate against the catalogue and the task
 * taxonomy, gather the facts (tier, kill switch, refusal conditions, policy, shadow mode), decide,
 * reserve budget, and store the envelope and its answer together.
 */
@Stateless
public class Envelopes {

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @Inject
    ActiveAgents activeAgents;

    @Inject
    DecisionConfigurations configurations;

    @EJB
    ToolTiers toolTiers;

    @EJB
    BudgetLedger ledger;

    @EJB
    Roles roles;

    @Inject
    AgentGrants grants;

    @Inject
    IdempotencyKeys idempotencyKeys;

    @Inject
    ArgumentSchemas schemas;

    @EJB
    PolicyEvaluator policyEvaluator;

    @Inject
    PolicyCache policyCache;

    @EJB
    AuditTrail audit;

    @Inject
    AuditAppender appender;

    @Inject
    RateCounters rateCounters;

    @Inject
    Sql sql;

    /**
     * Decides in one transaction, which also reads the calling agent (403 unless ACTIVE): a suspension
     * takes effect on the agent's very next envelope.
     *
     * @param keyClaim the idempotency key's claim where it was claimed before ({@link
     *     IdempotencyKeys#claim}), else null
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public EnvelopeAnswer decide(Caller caller, EnvelopeSubmission submission, String keyClaim) {
        if (!submission.agentId().equals(caller.subject())) {
            throw new AgentMismatchException("agentId must be the calling agent (the token's subject)");
        }
        DecisionConfiguration configuration;
        AgentSnapshot agent;
        if (submission.idempotencyKey() != null && idempotencyKeys.claimsInDecision()) {
            IdempotencyKeys.Claim claim = idempotencyKeys.claimInDecision(
                    caller.tenant(), caller.subject(), submission.idempotencyKey(), submission.requestHash());
            if (claim.earlier().isPresent()) {
                return claim.earlier().get();
            }
            configuration = configurations.at(caller.tenant(), Optional.of(claim.generation()));
            agent = claim.agent();
        } else {
            agent = activeAgents.require(caller.tenant(), caller.subject());
            configuration = configurations.of(caller.tenant());
        }
        TaskTypeDefinition taskType = configuration
                .taskType(submission.taskType())
                .orElseThrow(() -> unprocessable("taskType", "no task type '" + submission.taskType() + "'"));
        ToolDefinition tool = configuration
                .tool(submission.tool())
                .orElseThrow(() -> unprocessable("requestedAction.tool", "no tool '" + submission.tool() + "'"));
        ToolActionDefinition action = DecisionConfiguration.action(tool, submission.action())
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

        AuthorityTier tier = tier(caller, configuration, agent, tool.key());
        String killSwitch = configuration
                .killSwitchFor(agent.id(), tool.key())
                .map(ActiveKillSwitch::description)
                .orElse(null);
        List<BudgetCap> budgets = configuration.budgetsFor(caller.tenant(), agent.id());
        // no EJB call where there is nothing to read: no budget caps, or the policy version compiled already
        Map<String, BigDecimal> budgetBefore = budgets.isEmpty() ? new LinkedHashMap<>() : ledger.remaining(budgets);
        PolicyFindings policy = findings(policyCache
                .getOrRead(
                        caller.tenant(), configuration.policyVersion(), () -> policyEvaluator.active(caller.tenant()))
                .evaluate(policyInput(submission, agent, tier, taskType, tool, action, budgetBefore)));
        DecisionFacts facts = new DecisionFacts(
                new DecisionFacts.Permit(
                        tool.key() + ":" + action.key(),
                        configuration.permittingRoles(
                                agent.id(), tool.key(), action.key(), agentId -> grants.of(caller.tenant(), agentId))),
                action.riskClass(),
                tier,
                killSwitch,
                DecisionConfiguration.allows(taskType, tool.key(), action.key()),
                RefusalMatcher.firstMatch(taskType.refusalConditions(), submission.envelope())
                        .orElse(null),
                policy,
                agent.shadowMode() || taskType.shadowMode(),
                hasSponsor(agent));
        Verdict verdict = DecisionRules.decide(facts);

        String envelopeId = TimeOrderedIds.next();
        Map<String, BigDecimal> remaining;
        if (verdict.decision().couldExecute()) {
            // a decision awaiting approval reserves too (an approval must not overspend), held for it
            boolean awaitsApproval = verdict.decision() == Decision.REQUIRE_APPROVAL;
            BudgetLedger.Reservation reservation = ledger.reserve(
                    caller.tenant(),
                    agent.id(),
                    submission.taskId(),
                    taskType.limits(),
                    submission.modelCalls(),
                    submission.cost(),
                    budgets,
                    awaitsApproval ? envelopeId : null);
            remaining = reservation.remaining();
            if (!reservation.granted()) {
                verdict = escalateForBudget(verdict, reservation.exhausted());
                // the failed reservation undid itself: what is left is what was read before deciding
                remaining = budgetBefore;
            } else if (awaitsApproval && !budgets.isEmpty()) {
                verdict = withStep(
                        verdict,
                        new Verdict.Step(
                                "budget", "held for approval", submission.cost().toPlainString()));
            }
        } else {
            remaining = budgetBefore;
        }
        List<String> approverRoles = approverRoles(caller.tenant(), verdict, tool.key(), action.key());

        EnvelopeJson json = new EnvelopeJson(envelopeId, submission.traceId(), policy.policyVersion());
        String answerBody = json.answer(verdict, approverRoles, remaining);
        // the envelope, its answer, the rate counters and the audit record go in one request (PostgreSQL)
        Sql.Writes writes = sql.writes();
        store(
                writes,
                new EnvelopeRecord(
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
                        OffsetDateTime.now(ZoneOffset.UTC)));
        EnvelopeAnswer answer = new EnvelopeAnswer(200, answerBody, false);
        if (submission.idempotencyKey() != null) {
            idempotencyKeys.complete(
                    writes,
                    caller.tenant(),
                    agent.id(),
                    submission.idempotencyKey(),
                    submission.requestHash(),
                    answer,
                    keyClaim);
        }
        rateCounters.count(writes, caller.tenant(), agent.id(), tool.key(), Instant.now());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("envelopeId", envelopeId);
        details.put("tool", tool.key() + ":" + action.key());
        details.put("riskClass", action.riskClass().name());
        details.put("tier", tier.name());
        details.put("reasons", String.join(" | ", verdict.reasons()));
        // last step of the transaction: the decision, its answer and its audit record commit together;
        // the append locks the agent's audit chain before it runs the writes (see RateCounters.count)
        appender.append(
                new AuditEntry(
                        caller.tenant(),
                        caller.subject(),
                        agent.id(),
                        submission.taskId(),
                        submission.traceId(),
                        "envelope.decided",
                        verdict.decision().name(),
                        verdict.ruleIds(),
                        inputSummary(submission),
                        policy.policyVersion(),
                        details),
                writes);
        return answer;
    }

    /**
     * Records a rejected envelope (invalid, impersonating, unkeyed) in a transaction of its own: the
     * request itself wrote nothing, but the attempt is evidence.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void auditRejection(Caller caller, EnvelopeSubmission submission, MandateException rejection) {
        audit.append(new AuditEntry(
                caller.tenant(),
                caller.subject(),
                caller.isAgent() ? caller.subject() : null,
                submission.taskId(),
                submission.traceId(),
                "envelope.rejected",
                "REJECTED",
                List.of(),
                inputSummary(submission),
                null,
                Map.of("problem", rejection.type().uri(), "detail", rejection.detail())));
    }

    /** A stored envelope as a policy input, for what-if runs of draft rules. */
    public record RecentInput(String envelopeId, PolicyInput input) {}

    /**
     * The tenant's most recent envelopes as the policy rules would see them now (current tiers, budgets
     * and rate counters); envelopes whose task type, tool or agent no longer exist are skipped.
     */
    public List<RecentInput> recentPolicyInputs(Caller caller, int limit) {
        List<Envelope> recent = em.createQuery(
                        "select e from Envelope e where e.tenantId = :tenant order by e.createdAt desc, e.id",
                        Envelope.class)
                .setParameter("tenant", caller.tenant())
                .setMaxResults(limit)
                .getResultList();
        DecisionConfiguration configuration = configurations.of(caller.tenant());
        List<RecentInput> inputs = new ArrayList<>();
        for (Envelope envelope : recent) {
            EnvelopeRecord r = envelope.record();
            Agent found = em.find(Agent.class, r.agentId());
            AgentSnapshot agent = found == null ? null : AgentSnapshot.of(found);
            var taskType = configuration.taskType(r.taskType());
            var tool = configuration.tool(r.tool());
            var action = tool.flatMap(t -> DecisionConfiguration.action(t, r.action()));
            if (agent == null || taskType.isEmpty() || action.isEmpty()) {
                continue;
            }
            JsonObject json =
                    JSON.createReader(new StringReader(r.requestJson())).readObject();
            JsonObject requested = json.getJsonObject("requestedAction");
            EnvelopeSubmission stored = new EnvelopeSubmission(
                    r.agentId(),
                    r.taskId(),
                    r.taskType(),
                    r.tool(),
                    r.action(),
                    requested.getJsonObject("arguments"),
                    json,
                    0,
                    r.cost(),
                    r.traceId(),
                    null,
                    null);
            AuthorityTier tier = tier(caller, configuration, agent, r.tool());
            PolicyInput input = policyInput(
                    stored,
                    agent,
                    tier,
                    taskType.get(),
                    tool.get(),
                    action.get(),
                    ledger.remaining(configuration.budgetsFor(caller.tenant(), agent.id())));
            // the what-if runs after this transaction: count the rates now, not on demand later
            inputs.add(new RecentInput(
                    r.id(),
                    new PolicyInput(
                            input.envelope(),
                            input.args(),
                            input.agent(),
                            input.task(),
                            input.budget(),
                            input.context(),
                            Map.copyOf(input.rate()))));
        }
        return inputs;
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

    /** The agent's tier for the tool; its overrides are read once per configuration generation. */
    private AuthorityTier tier(Caller caller, DecisionConfiguration configuration, AgentSnapshot agent, String tool) {
        return configuration.tier(agent, tool, agentId -> toolTiers.overrides(caller.tenant(), agentId));
    }

    private static void store(Sql.Writes writes, EnvelopeRecord r) {
        writes.add(
                "insert into envelope (id, tenant_id, agent_id, task_id, task_type, tool_key, action_key, trace_id,"
                        + " decision, reasons, rule_ids, policy_version, tier, risk_class, cost, request_json,"
                        + " explain_json, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.id(),
                r.tenant(),
                r.agentId(),
                r.taskId(),
                r.taskType(),
                r.tool(),
                r.action(),
                r.traceId(),
                r.decision().name(),
                r.reasonsJson(),
                r.ruleIdsJson(),
                r.policyVersion(),
                r.tier(),
                r.riskClass(),
                r.cost(),
                r.requestJson(),
                r.explainJson(),
                r.createdAt());
    }

    private PolicyInput policyInput(
            EnvelopeSubmission submission,
            AgentSnapshot agent,
            AuthorityTier tier,
            TaskTypeDefinition taskType,
            ToolDefinition tool,
            ToolActionDefinition action,
            Map<String, BigDecimal> budgetRemaining) {
        Map<String, Object> agentFacts = new LinkedHashMap<>();
        agentFacts.put("id", agent.id());
        agentFacts.put("name", agent.name());
        agentFacts.put("tier", tier.name());
        agentFacts.put("defaultTier", agent.profile().defaultTier().name());
        agentFacts.put("workflow", agent.profile().workflow());
        agentFacts.put("sponsor", agent.profile().sponsor());
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("id", submission.taskId());
        task.put("type", taskType.key());
        task.put("riskLevel", taskType.riskLevel().name());
        task.put("workflow", taskType.workflow());
        task.put("tool", tool.key());
        task.put("action", action.key());
        task.put("riskClass", action.riskClass().name());
        task.put("blastRadius", action.riskClass().isBlastRadius());
        Map<String, Object> budget = new LinkedHashMap<>();
        budgetRemaining.forEach((label, left) ->
                budget.put(label.replace(' ', '_').toLowerCase(java.util.Locale.ROOT), left.doubleValue()));
        budget.put("cost", submission.cost().doubleValue());
        Map<String, Object> context = PlainJson.map(submission.envelope().getJsonObject("policyContext"));
        // read only if a rule reads them: most policy sets have no rate rule
        Map<String, Object> rate = new OnDemandMap(() -> rateCounters.counters(agent.id(), tool.key(), Instant.now()));
        return new PolicyInput(
                PlainJson.map(submission.envelope()),
                PlainJson.map(submission.arguments()),
                agentFacts,
                task,
                budget,
                context,
                rate);
    }

    private static boolean hasSponsor(AgentSnapshot agent) {
        String sponsor = agent.profile().sponsor();
        return sponsor != null && !sponsor.isBlank();
    }

    private static PolicyFindings findings(PolicyOutcome outcome) {
        return new PolicyFindings(
                outcome.policyVersion(),
                outcome.fired().stream()
                        .map(f -> new PolicyFindings.Finding(
                                f.ruleId(), f.effect().name(), f.approverRole(), f.reason()))
                        .toList());
    }

    /**
     * What was asked, for the audit record, whole: the trail redacts personal data and secrets first and
     * only then cuts it to size (a cut before redaction would leave part of a secret that straddles it).
     */
    private static String inputSummary(EnvelopeSubmission submission) {
        return submission.tool() + ":" + submission.action() + " task=" + submission.taskType() + " arguments="
                + (submission.arguments() == null
                        ? "{}"
                        : submission.arguments().toString());
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
