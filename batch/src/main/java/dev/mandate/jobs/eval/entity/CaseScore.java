package dev.mandate.jobs.eval.entity;

import dev.mandate.decision.entity.Decision;
import java.math.BigDecimal;

/**
 * How one case went in a run. {@code decision} is null when the case failed before a decision (the agent's
 * eval endpoint timed out or answered something that is not an envelope): then {@code error} says why and
 * every score is false.
 *
 * @param success the decision is the expected one and, where the case names them, so are tool and arguments
 * @param toolCorrect the tool, action and arguments are the expected ones (true where the case names none)
 * @param compliant the action stays within the tenant's policy: not denied
 */
public record CaseScore(
        int seq,
        Decision decision,
        boolean success,
        boolean toolCorrect,
        boolean compliant,
        BigDecimal cost,
        String error,
        String reasons) {

    public static CaseScore failed(int seq, String error) {
        return new CaseScore(seq, null, false, false, false, BigDecimal.ZERO, error, null);
    }

    public boolean escalated() {
        return decision == Decision.ESCALATE;
    }
}
