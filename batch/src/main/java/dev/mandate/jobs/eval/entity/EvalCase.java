package dev.mandate.jobs.eval.entity;

import dev.mandate.decision.entity.Decision;
import jakarta.json.JsonObject;

/**
 * One case of a dataset version: the input (an envelope without its agent, or what an agent's eval endpoint
 * is asked), and what should come of it. {@code expectedTool}, {@code expectedAction} and {@code
 * expectedArguments} are optional: null means not checked.
 */
public record EvalCase(
        int seq,
        String key,
        CaseKind kind,
        String taskType,
        JsonObject input,
        Decision expectedDecision,
        String expectedTool,
        String expectedAction,
        JsonObject expectedArguments) {}
