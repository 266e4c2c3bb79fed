package dev.mandate.policy.control;

import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.Violation;
import dev.mandate.platform.json.NumberRange;
import dev.mandate.policy.entity.PolicyEffect;
import dev.mandate.policy.entity.RuleKind;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a rule draft completely before anything is stored or evaluated: shape, kind params, effect and
 * approver role, and that its expression compiles (the compiler's message is the violation's message).
 */
public final class RuleValidator {

    public static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    static final Pattern ROLE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,99}");
    public static final int DEFAULT_PRIORITY = 100;
    static final int MAX_PRIORITY = 1_000_000;
    static final int MAX_NAME = 200;
    static final int MAX_REASON = 500;

    private RuleValidator() {}

    /**
     * @param pathRuleId the rule id the URL names (on replace), or null on create / what-if
     * @throws InvalidRequestException listing every violation, when the draft is not a valid rule
     */
    public static ValidRule validate(RuleDraft draft, String pathRuleId) {
        List<Violation> violations = new ArrayList<>();
        String ruleId = draft.ruleId() == null ? pathRuleId : draft.ruleId();
        if (ruleId == null || !RULE_ID.matcher(ruleId).matches()) {
            violations.add(new Violation(
                    "ruleId",
                    "is required: lowercase letters, digits and - (max 63), starting with a letter or digit"));
        } else if (pathRuleId != null && !pathRuleId.equals(ruleId)) {
            violations.add(new Violation(
                    "ruleId", "must match the rule id in the path ('" + pathRuleId + "') or be left out"));
        }
        if (draft.name() == null || draft.name().isBlank()) {
            violations.add(new Violation("name", "is required"));
        } else if (draft.name().length() > MAX_NAME) {
            violations.add(new Violation("name", "must be at most " + MAX_NAME + " characters"));
        }
        int priority = draft.priority() == null ? DEFAULT_PRIORITY : draft.priority();
        if (priority < 0 || priority > MAX_PRIORITY) {
            violations.add(
                    new Violation("priority", "must be between 0 and " + MAX_PRIORITY + " (lower is evaluated first)"));
        }
        if (draft.effect() == null) {
            violations.add(new Violation("effect", "is required (ALLOW, REQUIRE_APPROVAL, ESCALATE or DENY)"));
        } else if (draft.effect() == PolicyEffect.REQUIRE_APPROVAL) {
            if (draft.approverRole() == null || draft.approverRole().isBlank()) {
                violations.add(new Violation("approverRole", "is required when the effect is REQUIRE_APPROVAL"));
            } else if (!ROLE.matcher(draft.approverRole()).matches()) {
                violations.add(
                        new Violation("approverRole", "must be a role name (lowercase letters, digits and _ . -)"));
            }
        } else if (draft.approverRole() != null) {
            violations.add(new Violation("approverRole", "is only for the effect REQUIRE_APPROVAL"));
        }
        if (draft.reason() != null && draft.reason().length() > MAX_REASON) {
            violations.add(new Violation("reason", "must be at most " + MAX_REASON + " characters"));
        }
        String expression = null;
        String defaultReason = null;
        java.util.Map<String, Object> params = java.util.Map.of();
        if (draft.kind() == null) {
            violations.add(new Violation(
                    "kind",
                    "is required (AMOUNT_CAP, DOMAIN_ALLOW, DOMAIN_DENY, REQUIRED_FIELDS, RATE_LIMIT or EXPRESSION)"));
        } else if (draft.kind() == RuleKind.EXPRESSION) {
            violations.addAll(
                    RuleTemplates.generate(draft.kind(), draft.params()).violations());
            if (draft.expression() == null || draft.expression().isBlank()) {
                violations.add(
                        new Violation("expression", "is required for kind EXPRESSION: a CEL expression of type bool"));
            } else if (draft.expression().codePointCount(0, draft.expression().length())
                    > PolicyLanguage.MAX_AUTHORED_EXPRESSION) {
                violations.add(new Violation(
                        "expression", "must be at most " + PolicyLanguage.MAX_AUTHORED_EXPRESSION + " characters"));
            } else if (compiles("expression", draft.expression(), violations)) {
                expression = draft.expression();
                defaultReason = "rule " + ruleId + " matched";
            }
        } else {
            if (draft.expression() != null) {
                violations.add(new Violation(
                        "expression", "is generated from params for kind " + draft.kind() + "; leave it out"));
            }
            RuleTemplates.Generated generated = RuleTemplates.generate(draft.kind(), draft.params());
            violations.addAll(generated.violations());
            params = generated.params();
            Object when = params.get("when");
            boolean whenOk = !(when instanceof String w)
                    || (w.codePointCount(0, w.length()) <= PolicyLanguage.MAX_AUTHORED_EXPRESSION
                            ? compiles("params.when", w, violations)
                            : fail(
                                    violations,
                                    "params.when",
                                    "must be at most " + PolicyLanguage.MAX_AUTHORED_EXPRESSION + " characters"));
            if (generated.expression() != null && whenOk && compiles("params", generated.expression(), violations)) {
                expression = generated.expression();
                defaultReason = generated.defaultReason();
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        String reason = draft.reason() == null || draft.reason().isBlank() ? defaultReason : draft.reason();
        return new ValidRule(
                ruleId,
                draft.name(),
                priority,
                draft.kind(),
                params,
                expression,
                draft.effect(),
                draft.effect() == PolicyEffect.REQUIRE_APPROVAL ? draft.approverRole() : null,
                reason,
                draft.enabled() == null || draft.enabled());
    }

    private static boolean compiles(String field, String expression, List<Violation> violations) {
        try {
            PolicyLanguage.get().compile(expression);
            var literal = NumberLiterals.firstOutOfRange(expression);
            if (literal.isPresent()) {
                violations.add(new Violation(field, "the number " + literal.get() + " " + NumberRange.RULE));
                return false;
            }
            return true;
        } catch (RuleCompileException invalid) {
            violations.add(new Violation(field, "does not compile: " + invalid.getMessage()));
            return false;
        }
    }

    private static boolean fail(List<Violation> violations, String field, String message) {
        violations.add(new Violation(field, message));
        return false;
    }
}
