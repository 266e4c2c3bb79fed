package dev.mandate.policy.boundary;

import dev.mandate.policy.control.ActivePolicies;
import dev.mandate.policy.control.CompiledPolicySet;
import dev.mandate.policy.control.CompiledRule;
import dev.mandate.policy.control.PolicyInput;
import dev.mandate.policy.control.PolicyOutcome;
import dev.mandate.policy.control.RuleDraft;
import dev.mandate.policy.control.RuleValidator;
import dev.mandate.policy.control.ValidRule;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a tenant's active rules ({@link ActivePolicies}) and runs what-if comparisons of a draft
 * rule against them.
 */
@Stateless
public class PolicyEvaluator {

    static final String DRAFT = "+draft";

    @Inject
    ActivePolicies policies;

    public PolicyOutcome evaluate(String tenant, PolicyInput input) {
        return active(tenant).evaluate(input);
    }

    /** The active set plus the draft (replacing the rule of the same id), per input; nothing is stored. */
    public List<PolicyOutcome> whatIf(String tenant, RuleDraft draft, List<PolicyInput> inputs) {
        return compare(tenant, draft, inputs).stream()
                .map(Comparison::withDraft)
                .toList();
    }

    /** One input's outcome under the active rules and under the active rules with the draft. */
    public record Comparison(PolicyOutcome withoutDraft, PolicyOutcome withDraft) {

        /** The effect, or which rules fired with which effect and approver, differs (versions and reasons aside). */
        public boolean changed() {
            return withoutDraft.effect() != withDraft.effect()
                    || !decisive(withoutDraft).equals(decisive(withDraft));
        }

        private static List<String> decisive(PolicyOutcome outcome) {
            return outcome.fired().stream()
                    .map(f -> f.ruleId() + "|" + f.effect() + "|" + f.approverRole())
                    .toList();
        }
    }

    public List<Comparison> compare(String tenant, RuleDraft draft, List<PolicyInput> inputs) {
        ValidRule rule = RuleValidator.validate(draft, null);
        CompiledPolicySet active = active(tenant);
        String version = active.policyVersion() + DRAFT;
        CompiledPolicySet withDraft = rule.enabled()
                ? active.with(CompiledRule.of(rule, 0), version)
                : new CompiledPolicySet(
                        version,
                        active.rules().stream()
                                .filter(r -> !r.ruleId().equals(rule.ruleId()))
                                .toList());
        List<Comparison> comparisons = new ArrayList<>(inputs.size());
        for (PolicyInput input : inputs) {
            comparisons.add(new Comparison(active.evaluate(input), withDraft.evaluate(input)));
        }
        return comparisons;
    }

    /** The tenant's current policy version ("0" before its first rule). */
    public String currentVersion(String tenant) {
        return policies.currentVersion(tenant);
    }

    private CompiledPolicySet active(String tenant) {
        return policies.active(tenant);
    }
}
