package dev.mandate.policy.control;

import com.google.protobuf.Timestamp;
import dev.cel.runtime.CelVariableResolver;
import dev.mandate.policy.entity.PolicyEffect;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's enabled rules at one policy version, compiled and in evaluation order. Immutable and
 * thread-safe: one instance serves every concurrent decision of that version.
 */
public final class CompiledPolicySet {

    static final String RULE_ERROR = "RULE_ERROR: ";
    private static final String RATE = "rate";

    private final String policyVersion;
    private final List<CompiledRule> rules;

    public CompiledPolicySet(String policyVersion, List<CompiledRule> rules) {
        this.policyVersion = policyVersion;
        List<CompiledRule> ordered = new ArrayList<>(rules);
        ordered.sort(CompiledRule.ORDER);
        this.rules = List.copyOf(ordered);
    }

    public String policyVersion() {
        return policyVersion;
    }

    public List<CompiledRule> rules() {
        return rules;
    }

    /** The same set with one rule added, or replacing the rule of the same id (what-if). */
    public CompiledPolicySet with(CompiledRule draft, String version) {
        List<CompiledRule> changed = new ArrayList<>(rules.size() + 1);
        for (CompiledRule rule : rules) {
            if (!rule.ruleId().equals(draft.ruleId())) {
                changed.add(rule);
            }
        }
        changed.add(draft);
        return new CompiledPolicySet(version, changed);
    }

    public PolicyOutcome evaluate(PolicyInput input) {
        return evaluate(input, Instant.now());
    }

    /** Evaluates every rule in order and reports all that fired; a rule that cannot be evaluated denies. */
    public PolicyOutcome evaluate(PolicyInput input, Instant now) {
        Map<String, Object> variables = activation(input, now);
        // rate counters cost the caller database queries: converted (and so computed) only when a rule reads them
        Object[] rate = new Object[1];
        // a resolver over the one map: eval(Map) would copy the activation again for every rule
        CelVariableResolver activation = name -> {
            if (RATE.equals(name)) {
                if (rate[0] == null) {
                    rate[0] = PolicyValues.map(input.rate());
                }
                return Optional.of(rate[0]);
            }
            return Optional.ofNullable(variables.get(name));
        };
        PolicyEffect effect = null;
        List<FiredRule> fired = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (CompiledRule rule : rules) {
            String failure = rule.failure();
            if (failure == null) {
                try {
                    Object result = rule.condition().evaluate(activation);
                    if (Boolean.TRUE.equals(result)) {
                        fired.add(new FiredRule(
                                rule.ruleId(), rule.version(), rule.effect(), rule.approverRole(), rule.reason()));
                        effect = PolicyEffect.strongest(effect, rule.effect());
                        continue;
                    }
                    if (Boolean.FALSE.equals(result)) {
                        continue;
                    }
                    failure = "the rule did not evaluate to a bool but to "
                            + (result == null ? "null" : result.getClass().getSimpleName());
                } catch (Exception | StackOverflowError evaluationFailure) {
                    failure = message(evaluationFailure);
                }
            }
            // fail closed: a rule that cannot say no says no
            fired.add(new FiredRule(rule.ruleId(), rule.version(), PolicyEffect.DENY, null, RULE_ERROR + failure));
            errors.add(rule.ruleId() + ": " + failure);
            effect = PolicyEffect.DENY;
        }
        return new PolicyOutcome(effect, fired, policyVersion, errors);
    }

    private static Map<String, Object> activation(PolicyInput input, Instant now) {
        Map<String, Object> activation = new HashMap<>(16);
        activation.put("envelope", PolicyValues.map(input.envelope()));
        activation.put("args", PolicyValues.map(input.args()));
        activation.put("agent", PolicyValues.map(input.agent()));
        activation.put("task", PolicyValues.map(input.task()));
        activation.put("budget", PolicyValues.map(input.budget()));
        activation.put("context", PolicyValues.map(input.context()));
        activation.put(
                "now",
                Timestamp.newBuilder()
                        .setSeconds(now.getEpochSecond())
                        .setNanos(now.getNano())
                        .build());
        return activation;
    }

    private static String message(Throwable failure) {
        String message = failure.getMessage();
        if (failure.getCause() != null
                && failure.getCause().getMessage() != null
                && (message == null || !message.contains(failure.getCause().getMessage()))) {
            message =
                    (message == null ? "" : message + ": ") + failure.getCause().getMessage();
        }
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
