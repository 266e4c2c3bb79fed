package dev.mandate.decision.boundary;

import dev.mandate.agent.control.ActiveAgents;
import dev.mandate.agent.control.KnownAgentVersions;
import dev.mandate.agent.entity.AgentSnapshot;
import dev.mandate.audit.boundary.AuditTrail;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.decision.control.AgentMismatchException;
import dev.mandate.decision.control.DecisionBudgets;
import dev.mandate.decision.control.DecisionConfiguration;
import dev.mandate.decision.control.DecisionConfigurations;
import dev.mandate.decision.control.DecisionFactsReader;
import dev.mandate.decision.control.DecisionFactsReader.Gathered;
import dev.mandate.decision.control.DecisionRecorder;
import dev.mandate.decision.control.DecisionRules;
import dev.mandate.decision.control.EnvelopeSummaries;
import dev.mandate.decision.control.IdempotencyKeys;
import dev.mandate.decision.control.Verdict;
import dev.mandate.decision.entity.Decision;
import dev.mandate.decision.entity.Envelope;
import dev.mandate.decision.entity.EnvelopeAnswer;
import dev.mandate.decision.entity.EnvelopeRecord;
import dev.mandate.decision.entity.EnvelopeSubmission;
import dev.mandate.platform.error.MandateException;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.id.TimeOrderedIds;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.tracing.SpanAttributes;
import dev.mandate.platform.tracing.Step;
import dev.mandate.platform.tracing.Tracing;
import dev.mandate.rbac.control.ApproverRoles;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decision path for one envelope, in one transaction, step by step: the calling agent and the
 * tenant's configuration (with the idempotency key's claim where the database allows), the facts
 * ({@link DecisionFactsReader}), the decision ({@link DecisionRules}), the budget ({@link
 * DecisionBudgets}), and the record of it all ({@link DecisionRecorder}), which commits together.
 */
@Stateless
public class Envelopes {

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @Inject
    ActiveAgents activeAgents;

    @Inject
    DecisionConfigurations configurations;

    @Inject
    KnownAgentVersions agentVersions;

    @Inject
    IdempotencyKeys idempotencyKeys;

    @Inject
    DecisionFactsReader facts;

    @Inject
    DecisionBudgets budgets;

    @Inject
    ApproverRoles approverRoles;

    @Inject
    DecisionRecorder recorder;

    @EJB
    AuditTrail audit;

    @Inject
    Tracing tracing;

    /**
     * Decides in one transaction, which also reads the calling agent (403 unless ACTIVE): a suspension
     * takes effect on the agent's very next envelope.
     *
     * @param keyClaim the idempotency key's claim where it was claimed before ({@link
     *     IdempotencyKeys#claim}), else null
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public EnvelopeAnswer decide(Caller caller, EnvelopeSubmission submission, String keyClaim) {
        try (Step step = tracing.start("mandate.decision")) {
            try {
                return decide(caller, submission, keyClaim, step);
            } catch (RuntimeException refused) {
                step.failed(refused.getClass().getSimpleName());
                throw refused;
            }
        }
    }

    private EnvelopeAnswer decide(Caller caller, EnvelopeSubmission submission, String keyClaim, Step step) {
        if (!submission.agentId().equals(caller.subject())) {
            throw new AgentMismatchException("agentId must be the calling agent (the token's subject)");
        }
        DecisionConfiguration configuration;
        AgentSnapshot agent;
        if (submission.idempotencyKey() != null && idempotencyKeys.claimsInDecision()) {
            IdempotencyKeys.Claim claim = idempotencyKeys.claimInDecision(
                    caller.tenant(), caller.subject(), submission.idempotencyKey(), submission.requestHash());
            if (claim.earlier().isPresent()) {
                step.set(SpanAttributes.IDEMPOTENT_REPLAY, true);
                return claim.earlier().get();
            }
            configuration = configurations.at(caller.tenant(), Optional.of(claim.generation()));
            agent = claim.agent();
        } else {
            agent = activeAgents.require(caller.tenant(), caller.subject());
            configuration = configurations.of(caller.tenant());
        }
        String agentVersion = submission.envelope().getString("agentVersion", null);
        if (agentVersion != null) {
            agentVersions.require(caller.tenant(), agent.id(), agentVersion);
        }
        Gathered gathered = facts.read(caller.tenant(), submission, configuration, agent);
        Verdict verdict = DecisionRules.decide(gathered.facts());
        String envelopeId = TimeOrderedIds.next();
        DecisionBudgets.Reserved reserved;
        try (Step budget = tracing.start("mandate.decision.budget")) {
            reserved = budgets.reserve(caller.tenant(), agent.id(), submission, gathered, verdict, envelopeId);
            budget.set(SpanAttributes.OUTCOME, reserved.verdict().decision().name());
        }
        if (step.recording()) {
            step.set(SpanAttributes.TENANT, caller.tenant())
                    .set(SpanAttributes.ENVELOPE_ID, envelopeId)
                    .set(SpanAttributes.DECISION, reserved.verdict().decision().name())
                    .set(SpanAttributes.TIER, gathered.tier().name())
                    .set(
                            SpanAttributes.RISK_CLASS,
                            gathered.action().riskClass().name())
                    .setList(SpanAttributes.RULE_IDS, reserved.verdict().ruleIds());
        }
        return recorder.record(
                caller,
                submission,
                keyClaim,
                new DecisionRecorder.Decided(
                        envelopeId,
                        agent,
                        gathered,
                        reserved.verdict(),
                        approverRoles(caller.tenant(), reserved.verdict(), gathered),
                        reserved.remaining()));
    }

    /**
     * What the decision path would decide for the envelope now, recording and reserving nothing: a person's
     * edit is checked with this before it is submitted for real, so an edit that would not pass leaves no
     * trace but the person's refusal.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Verdict check(Caller caller, EnvelopeSubmission submission) {
        AgentSnapshot agent = activeAgents.require(caller.tenant(), caller.subject());
        DecisionConfiguration configuration = configurations.of(caller.tenant());
        return DecisionRules.decide(
                facts.read(caller.tenant(), submission, configuration, agent).facts());
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
                EnvelopeSummaries.of(submission),
                null,
                Map.of("problem", rejection.type().uri(), "detail", rejection.detail())));
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

    private List<String> approverRoles(String tenant, Verdict verdict, Gathered gathered) {
        if (verdict.decision() != Decision.REQUIRE_APPROVAL) {
            return List.of();
        }
        if (verdict.approverRole() != null) {
            return List.of(verdict.approverRole());
        }
        return approverRoles.covering(
                tenant, gathered.tool().key(), gathered.action().key());
    }
}
