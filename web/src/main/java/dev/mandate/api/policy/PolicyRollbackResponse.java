package dev.mandate.api.policy;

import dev.mandate.policy.boundary.PolicyRollbacks;
import java.util.List;

/** What a rollback did: the new policy version holds the rules of {@code restoredVersion}. */
public record PolicyRollbackResponse(
        String policyVersion, String previousVersion, String restoredVersion, List<Rule> rules) {

    public record Rule(String ruleId, String change, int ruleVersion) {}

    static PolicyRollbackResponse of(PolicyRollbacks.RolledBack done) {
        return new PolicyRollbackResponse(
                Long.toString(done.policyVersion()),
                Long.toString(done.fromVersion()),
                Long.toString(done.toVersion()),
                done.rules().stream()
                        .map(r -> new Rule(r.ruleId(), r.change().name(), r.ruleVersion()))
                        .toList());
    }
}
