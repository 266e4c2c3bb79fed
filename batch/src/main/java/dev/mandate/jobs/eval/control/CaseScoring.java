package dev.mandate.jobs.eval.control;

import dev.mandate.decision.control.DryRun;
import dev.mandate.decision.control.Verdict;
import dev.mandate.decision.entity.Decision;
import dev.mandate.jobs.eval.entity.CaseScore;
import dev.mandate.jobs.eval.entity.EvalCase;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Scores one case: the envelope the agent version produced (the case input itself where the version has no
 * eval endpoint) and what the decision path in dry run made of it, against what the case expects.
 *
 * <p>An envelope the path refuses (unknown tool, arguments against the action's schema: a 4xx) counts as
 * DENY, since the action does not happen, and is not policy-compliant.
 */
public final class CaseScoring {

    private CaseScoring() {}

    public static CaseScore score(EvalCase c, JsonObject envelope, DryRun outcome, BigDecimal cost) {
        Decision decision;
        String reasons;
        boolean refused = !outcome.isDecided();
        if (refused) {
            decision = Decision.DENY;
            reasons = "REFUSED: " + outcome.problemDetail();
        } else {
            Verdict verdict = outcome.verdict();
            decision = verdict.decision();
            reasons = String.join(" | ", verdict.reasons());
        }
        boolean toolCorrect = toolCorrect(c, envelope);
        return new CaseScore(
                c.seq(),
                decision,
                decision == c.expectedDecision() && toolCorrect,
                toolCorrect,
                !refused && decision != Decision.DENY,
                cost,
                null,
                reasons.length() > 4000 ? reasons.substring(0, 4000) : reasons);
    }

    /** The envelope asks for the expected tool, action and arguments, as far as the case names them. */
    static boolean toolCorrect(EvalCase c, JsonObject envelope) {
        JsonObject action = envelope.get("requestedAction") instanceof JsonObject a ? a : JsonValue.EMPTY_JSON_OBJECT;
        if (c.expectedTool() != null && !c.expectedTool().equals(action.getString("tool", null))) {
            return false;
        }
        if (c.expectedAction() != null && !c.expectedAction().equals(action.getString("action", null))) {
            return false;
        }
        return c.expectedArguments() == null || same(c.expectedArguments(), action.get("arguments"));
    }

    /** JSON equality with numbers compared by value (1.0 equals 1), members in any order. */
    static boolean same(JsonValue a, JsonValue b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.getValueType() != b.getValueType()) {
            return false;
        }
        return switch (a.getValueType()) {
            case NUMBER -> ((JsonNumber) a).bigDecimalValue().compareTo(((JsonNumber) b).bigDecimalValue()) == 0;
            case OBJECT -> {
                JsonObject x = (JsonObject) a;
                JsonObject y = (JsonObject) b;
                if (x.size() != y.size()) {
                    yield false;
                }
                for (Map.Entry<String, JsonValue> member : x.entrySet()) {
                    if (!same(member.getValue(), y.get(member.getKey()))) {
                        yield false;
                    }
                }
                yield true;
            }
            case ARRAY -> {
                JsonArray x = (JsonArray) a;
                JsonArray y = (JsonArray) b;
                if (x.size() != y.size()) {
                    yield false;
                }
                for (int i = 0; i < x.size(); i++) {
                    if (!same(x.get(i), y.get(i))) {
                        yield false;
                    }
                }
                yield true;
            }
            default -> a.equals(b);
        };
    }
}
