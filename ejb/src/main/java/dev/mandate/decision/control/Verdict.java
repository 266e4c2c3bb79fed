package dev.mandate.decision.control;

import dev.mandate.decision.entity.Decision;
import java.util.List;

/** A decision with its reasons (stable codes first, then detail), the rules that fired and the steps taken. */
public record Verdict(
        Decision decision, List<String> reasons, List<String> ruleIds, String approverRole, List<Step> steps) {

    /** One check of the decision path, for the explain view. */
    public record Step(String check, String outcome, String detail) {}
}
