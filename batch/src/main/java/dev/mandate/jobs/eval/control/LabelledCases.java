package dev.mandate.jobs.eval.control;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.decision.entity.Decision;
import dev.mandate.jobs.eval.entity.CaseKind;
import dev.mandate.jobs.eval.entity.EvalCase;
import dev.mandate.labelling.entity.LabelledExample;
import dev.mandate.platform.json.JsonStrings;
import jakarta.json.JsonObject;
import java.util.Optional;

/**
 * A person's judgement (a labelled example from an approval or the escalation queue) as an eval case. The
 * envelope as the agent sent it is the input. Where the person let the action go ahead (APPROVED, EXECUTED)
 * the machine's decision was right and is expected, with the arguments as sent; EXECUTED_EDITED expects the
 * person's arguments; REJECTED expects DENY (the action should not happen). EXPIRED and RETURNED_TO_AGENT
 * say nothing about the action and make no case.
 */
public final class LabelledCases {

    private LabelledCases() {}

    public static Optional<EvalCase> of(int seq, LabelledExample e) {
        JsonObject input = JsonStrings.object(e.inputJson());
        JsonObject sent = input.get("requestedAction") instanceof JsonObject action
                        && action.get("arguments") instanceof JsonObject arguments
                ? arguments
                : null;
        Decision expected;
        JsonObject arguments = sent;
        switch (e.humanAction()) {
            case "APPROVED", "EXECUTED" -> expected = Decision.valueOf(e.machineDecision());
            case "EXECUTED_EDITED" -> {
                expected = Decision.valueOf(e.machineDecision());
                arguments = e.editedArguments() == null ? sent : JsonStrings.object(e.editedArguments());
            }
            case "REJECTED" -> expected = Decision.DENY;
            default -> {
                return Optional.empty();
            }
        }
        if (!DatasetImport.EXPECTABLE.contains(expected)) {
            return Optional.empty();
        }
        return Optional.of(new EvalCase(
                seq,
                "labelled-" + e.id(),
                "ESCALATION".equals(e.source()) ? CaseKind.AMBIGUOUS_REQUEST : CaseKind.GOLDEN,
                e.taskType(),
                JSON.createObjectBuilder(input).remove("agentId").build(),
                expected,
                e.tool(),
                e.action(),
                arguments));
    }
}
