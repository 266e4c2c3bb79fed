package dev.mandate.audit.entity;

/**
 * What the database says a chain's head is: the newest sequence and its hash, and how many checkpoints
 * it has with the newest one's hash. Not signed (the checkpoints are); it catches a truncated or
 * extended tail between two checkpoints when the head row itself was left alone.
 */
public record ChainHead(int chain, long sequence, String hash, long checkpoints, String checkpointHash) {}
