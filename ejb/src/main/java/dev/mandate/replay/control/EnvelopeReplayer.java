package dev.mandate.replay.control;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.agent.control.ActiveAgents;
import dev.mandate.agent.entity.AgentSnapshot;
import dev.mandate.decision.control.DecisionBudgets;
import dev.mandate.decision.control.DecisionConfiguration;
import dev.mandate.decision.control.DecisionFactsReader;
import dev.mandate.decision.control.DecisionRules;
import dev.mandate.decision.control.PolicyFindings;
import dev.mandate.decision.control.Verdict;
import dev.mandate.decision.entity.Decision;
import dev.mandate.decision.entity.EnvelopeRecord;
import dev.mandate.decision.entity.EnvelopeSubmission;
import dev.mandate.platform.error.MandateException;
import dev.mandate.policy.control.PolicyHistory;
import dev.mandate.replay.entity.ReplayedEnvelope;
import dev.mandate.replay.entity.ReplayedEnvelope.Budget;
import dev.mandate.replay.entity.ReplayedEnvelope.Outcome;
import dev.mandate.replay.entity.ReplayedEnvelope.Problem;
import dev.mandate.replay.entity.ReplayedEnvelope.Rule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides stored envelopes again as the decision path would now (the agent as it is, the tenant's configuration
 * and policy at their current versions, the budgets left), recording, reserving and counting nothing, and
 * compares each with what it got then.
 */
@ApplicationScoped
public class EnvelopeReplayer {

    @Inject
    ActiveAgents activeAgents;

    @Inject
    DecisionFactsReader facts;

    @Inject
    PolicyHistory policyHistory;

    /** Replays the envelopes (of any agents of the tenant) in their order at {@code configuration}. */
    public List<ReplayedEnvelope> replay(
            String tenant, DecisionConfiguration configuration, List<EnvelopeRecord> envelopes) {
        Map<String, Object> agents = new HashMap<>();
        Map<String, Map<String, Integer>> ruleVersions = new HashMap<>();
        List<ReplayedEnvelope> replayed = new ArrayList<>(envelopes.size());
        for (EnvelopeRecord envelope : envelopes) {
            Object agent = agents.computeIfAbsent(envelope.agentId(), id -> agentNow(tenant, id));
            Outcome then =
                    then(envelope, ruleVersions.computeIfAbsent(envelope.policyVersion(), v -> versionsAt(tenant, v)));
            Outcome now = agent instanceof AgentSnapshot snapshot
                    ? now(
                            tenant,
                            configuration,
                            snapshot,
                            envelope,
                            ruleVersions.computeIfAbsent(configuration.policyVersion(), v -> versionsAt(tenant, v)))
                    : refused((MandateException) agent);
            List<String> changes = changes(then, now);
            replayed.add(new ReplayedEnvelope(
                    envelope.id(),
                    envelope.agentId(),
                    envelope.taskId(),
                    envelope.traceId(),
                    envelope.tool(),
                    envelope.action(),
                    envelope.createdAt(),
                    then,
                    now,
                    !changes.isEmpty(),
                    changes));
        }
        return replayed;
    }

    /** The agent as the path would read it now, or why it would refuse it (no longer active). */
    private Object agentNow(String tenant, String agentId) {
        try {
            return activeAgents.require(tenant, agentId);
        } catch (MandateException refused) {
            return refused;
        }
    }

    private Map<String, Integer> versionsAt(String tenant, String policyVersion) {
        try {
            return policyHistory.ruleVersionsAt(tenant, Long.parseLong(policyVersion));
        } catch (NumberFormatException notNumbered) {
            return Map.of();
        }
    }

    private static Outcome then(EnvelopeRecord e, Map<String, Integer> versions) {
        List<Rule> rules = strings(e.ruleIdsJson()).stream()
                .map(id -> new Rule(id, versions.get(id), null, null))
                .toList();
        boolean reserved = e.decision().couldExecute();
        return new Outcome(
                e.decision().name(),
                strings(e.reasonsJson()),
                rules,
                e.tier(),
                e.policyVersion(),
                new Budget(e.cost(), reserved, null, null),
                null);
    }

    private Outcome now(
            String tenant,
            DecisionConfiguration configuration,
            AgentSnapshot agent,
            EnvelopeRecord e,
            Map<String, Integer> versions) {
        EnvelopeSubmission submission = submission(e);
        DecisionFactsReader.Gathered gathered;
        try {
            gathered = facts.read(tenant, submission, configuration, agent);
        } catch (MandateException refused) {
            return refused(refused);
        }
        Verdict verdict = DecisionRules.decide(gathered.facts());
        BigDecimal cost = DecisionBudgets.costWithTool(submission, gathered);
        boolean reserves = verdict.decision().couldExecute();
        List<String> exhausts = new ArrayList<>();
        if (reserves) {
            gathered.budgetBefore().forEach((label, left) -> {
                if (left.compareTo(cost) < 0) {
                    exhausts.add(label);
                }
            });
        }
        String decision = verdict.decision().name();
        List<String> reasons = new ArrayList<>(verdict.reasons());
        if (!exhausts.isEmpty()) {
            decision = Decision.ESCALATE.name();
            reasons.add(0, "BUDGET_EXHAUSTED: " + String.join(", ", exhausts));
            reasons.add(1, "would have been " + verdict.decision());
        }
        List<Rule> rules = new ArrayList<>();
        for (PolicyFindings.Finding f : gathered.policy().fired()) {
            rules.add(new Rule(f.ruleId(), versions.get(f.ruleId()), f.effect(), f.reason()));
        }
        return new Outcome(
                decision,
                reasons,
                rules,
                gathered.tier().name(),
                configuration.policyVersion(),
                new Budget(
                        cost, reserves && exhausts.isEmpty(), new LinkedHashMap<>(gathered.budgetBefore()), exhausts),
                null);
    }

    private static Outcome refused(MandateException refused) {
        return new Outcome(
                "REFUSED",
                List.of(refused.detail()),
                List.of(),
                null,
                null,
                null,
                new Problem(refused.type().uri(), refused.detail()));
    }

    static List<String> changes(Outcome then, Outcome now) {
        List<String> changes = new ArrayList<>();
        if (!then.decision().equals(now.decision())) {
            changes.add("decision");
        }
        List<String> firedThen = then.rules().stream()
                .map(r -> r.ruleId() + "@" + r.ruleVersion())
                .sorted()
                .toList();
        List<String> firedNow = now.rules().stream()
                .map(r -> r.ruleId() + "@" + r.ruleVersion())
                .sorted()
                .toList();
        if (!firedThen.equals(firedNow)) {
            changes.add("rules");
        }
        if (now.tier() != null && !Objects.equals(then.tier(), now.tier())) {
            changes.add("tier");
        }
        if (now.budget() != null && then.budget().reserves() != now.budget().reserves()) {
            changes.add("budget");
        }
        return changes;
    }

    /** The stored envelope as the API would submit it again (an idempotency key of its own: nothing is claimed). */
    static EnvelopeSubmission submission(EnvelopeRecord e) {
        JsonObject json = JSON.createReader(new StringReader(e.requestJson())).readObject();
        JsonObject requested = json.getJsonObject("requestedAction");
        JsonValue usage = json.get("modelUsage");
        int calls = 0;
        if (usage instanceof JsonObject modelUsage) {
            calls = modelUsage.get("calls") instanceof JsonNumber n ? n.intValue() : 1;
        }
        return new EnvelopeSubmission(
                e.agentId(),
                e.taskId(),
                e.taskType(),
                e.tool(),
                e.action(),
                requested.getJsonObject("arguments"),
                json,
                calls,
                e.cost(),
                e.traceId(),
                "replay-" + e.id(),
                null);
    }

    private static List<String> strings(String jsonArray) {
        return JSON.createReader(new StringReader(jsonArray)).readArray().getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }
}
