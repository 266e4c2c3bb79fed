package dev.mandate.audit.verify;

/**
 * The first bad record of a chain: its chain and sequence, its id where one exists (a missing or
 * truncated record has none), what is wrong and a sentence for people.
 */
public record FirstBad(int chain, long sequence, String recordId, Problem problem, String detail) {}
