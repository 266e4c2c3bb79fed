package dev.mandate.decision.boundary;

import dev.mandate.agent.control.ActiveAgents;
import dev.mandate.agent.entity.AgentSnapshot;
import dev.mandate.decision.control.DecisionConfiguration;
import dev.mandate.decision.control.DecisionConfigurations;
import dev.mandate.decision.control.DecisionFactsReader;
import dev.mandate.decision.control.DecisionRules;
import dev.mandate.decision.control.DryRun;
import dev.mandate.decision.entity.EnvelopeSubmission;
import dev.mandate.platform.error.MandateException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * The decision path in dry run for many envelopes of one agent (an eval run's chunk): the agent and the
 * tenant's configuration read once, then each envelope's facts and verdict, as {@link Envelopes#check}
 * does for one. Nothing is recorded, no budget reserved, no idempotency key claimed, no rate counted.
 */
@Stateless
public class DryRunDecisions {

    @Inject
    ActiveAgents activeAgents;

    @Inject
    DecisionConfigurations configurations;

    @Inject
    DecisionFactsReader facts;

    /** The verdicts, in the envelopes' order, and the policy version and generation they were decided at. */
    public record Replayed(List<DryRun> outcomes, String policyVersion, String generation) {}

    /**
     * Read-only, in a transaction of its own. An envelope the path refuses (4xx) is an outcome like a verdict;
     * any other failure (the database) fails the whole call.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Replayed replay(String tenant, String agentId, List<EnvelopeSubmission> submissions) {
        AgentSnapshot agent = activeAgents.require(tenant, agentId);
        DecisionConfiguration configuration = configurations.of(tenant);
        List<DryRun> outcomes = new ArrayList<>(submissions.size());
        for (EnvelopeSubmission submission : submissions) {
            outcomes.add(replayOne(tenant, submission, configuration, agent));
        }
        return new Replayed(outcomes, configuration.policyVersion(), configuration.generation());
    }

    private DryRun replayOne(
            String tenant, EnvelopeSubmission submission, DecisionConfiguration configuration, AgentSnapshot agent) {
        try {
            return DryRun.decided(DecisionRules.decide(
                    facts.read(tenant, submission, configuration, agent).facts()));
        } catch (MandateException refused) {
            return DryRun.refused(refused.type().uri(), refused.detail());
        }
    }
}
