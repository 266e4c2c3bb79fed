package dev.mandate.jobs.auditverification.entity;

/**
 * One chain's verification as recorded: how much was checked and, when it is broken, its first bad record
 * (sequence, id where one exists, what is wrong and a sentence for people).
 */
public record ChainVerified(
        int chain,
        boolean valid,
        long recordsChecked,
        long checkpointsChecked,
        Long firstBadSequence,
        String firstBadRecordId,
        String firstBadProblem,
        String firstBadDetail) {}
