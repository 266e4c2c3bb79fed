package dev.mandate.jobs.eval.entity;

import java.time.Instant;

/** A stored gate decision: candidate run against current run, with the figures as JSON. */
public record EvalGate(
        String id,
        String candidateRun,
        String currentRun,
        GateVerdict verdict,
        String figuresJson,
        String createdBy,
        Instant createdAt) {}
