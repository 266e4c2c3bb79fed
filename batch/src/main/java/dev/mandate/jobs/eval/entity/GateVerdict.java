package dev.mandate.jobs.eval.entity;

/** The release gate's answer, also the exit status of the eval-gate job. */
public enum GateVerdict {
    PASS,
    BLOCK
}
