package dev.mandate.api.policy;

import dev.mandate.policy.control.PolicyOutcome;
import java.util.List;

/** Per input: the outcome of the active rules, and with the draft added (or replacing its namesake). */
public record WhatIfResponse(
        String policyVersion, String ruleId, int changed, List<Result> results, List<String> envelopeIds) {

    public record Result(int index, boolean changed, PolicyOutcome withoutDraft, PolicyOutcome withDraft) {}
}
