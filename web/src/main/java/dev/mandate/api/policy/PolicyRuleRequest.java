package dev.mandate.api.policy;

import dev.mandate.api.json.RequestBody;
import dev.mandate.policy.control.RuleDraft;
import dev.mandate.policy.entity.PolicyEffect;
import dev.mandate.policy.entity.RuleKind;
import java.util.Map;

/**
 * A rule as an admin writes it. Everything beyond JSON types (required fields, params of the kind,
 * approver role, that the expression compiles) is checked by the rule validator in one pass, so a bad
 * rule answers every violation at once.
 */
public class PolicyRuleRequest implements RequestBody {

    /** Slug, unique in the tenant; on PUT optional (the path names the rule). */
    public String ruleId;

    public String name;

    /** Lower is evaluated first (default 100); ties are broken by rule id. */
    public Integer priority;

    public RuleKind kind;

    /** The kind's params (templates); EXPRESSION takes none. */
    public Map<String, Object> params;

    /** CEL of type bool; only for kind EXPRESSION (templates generate theirs). */
    public String expression;

    public PolicyEffect effect;

    /** Required for REQUIRE_APPROVAL: the approver role that may approve. */
    public String approverRole;

    public String reason;

    /** Default true. */
    public Boolean enabled;

    RuleDraft toDraft() {
        return new RuleDraft(ruleId, name, priority, kind, params, expression, effect, approverRole, reason, enabled);
    }
}
