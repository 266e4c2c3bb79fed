package dev.mandate.readiness.entity;

import java.time.Instant;
import java.util.Set;

/**
 * The release gates decided since a day: how many, the latest, and the task types their datasets' cases
 * are of (a gate compares two runs of one dataset version).
 *
 * @param latestGateId null when there is none
 */
public record GateEvidence(
        long gates, String latestGateId, String latestVerdict, Instant latestDecidedAt, Set<String> taskTypes) {

    public GateEvidence {
        taskTypes = Set.copyOf(taskTypes);
    }

    public static final GateEvidence NONE = new GateEvidence(0, null, null, null, Set.of());
}
