package dev.mandate.jobs.eval.entity;

import java.time.Instant;

/** An immutable version of a dataset: its cases were written with it and never change. */
public record DatasetVersion(
        String id,
        String dataset,
        int version,
        String source,
        int cases,
        String sha256,
        String createdBy,
        Instant createdAt) {}
