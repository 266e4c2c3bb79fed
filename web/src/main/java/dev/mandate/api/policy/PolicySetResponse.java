package dev.mandate.api.policy;

import dev.mandate.policy.boundary.PolicyRules;
import java.time.OffsetDateTime;

/** The tenant's policy set: its current version (recorded in every decision) and how many rules it has. */
public record PolicySetResponse(String policyVersion, long rules, OffsetDateTime updatedAt, String updatedBy) {

    static PolicySetResponse of(PolicyRules.PolicySetView view) {
        return new PolicySetResponse(Long.toString(view.version()), view.rules(), view.updatedAt(), view.updatedBy());
    }
}
