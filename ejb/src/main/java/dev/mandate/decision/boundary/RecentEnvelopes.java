package dev.mandate.decision.boundary;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.agent.entity.Agent;
import dev.mandate.agent.entity.AgentSnapshot;
import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.budget.control.BudgetLedger;
import dev.mandate.decision.control.DecisionConfiguration;
import dev.mandate.decision.control.DecisionConfigurations;
import dev.mandate.decision.control.PolicyInputs;
import dev.mandate.decision.entity.Envelope;
import dev.mandate.decision.entity.EnvelopeRecord;
import dev.mandate.decision.entity.EnvelopeSubmission;
import dev.mandate.platform.security.Caller;
import dev.mandate.policy.control.PolicyInput;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The tenant's recent envelopes as policy inputs, for what-if runs of draft rules (nothing is written). */
@Stateless
public class RecentEnvelopes {

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @Inject
    DecisionConfigurations configurations;

    @Inject
    PolicyInputs policyInputs;

    @Inject
    BudgetLedger ledger;

    /** A stored envelope as a policy input. */
    public record RecentInput(String envelopeId, PolicyInput input) {}

    /**
     * The tenant's most recent envelopes as the policy rules would see them now (current tiers, budgets
     * and rate counters); envelopes whose task type, tool or agent no longer exist are skipped.
     */
    public List<RecentInput> policyInputs(Caller caller, int limit) {
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
            AuthorityTier tier = policyInputs.tier(caller.tenant(), configuration, agent, r.tool());
            PolicyInput input = policyInputs.of(
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
}
