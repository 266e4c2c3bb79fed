package dev.mandate.replay.entity;

import java.time.OffsetDateTime;

/**
 * Which stored envelopes to replay: one ({@code envelopeId}), every envelope of a task ({@code taskId}, of one
 * agent where {@code agentId} is given), or those decided in {@code [from, to)} (of one agent where given); at
 * most {@code limit}, after the position {@code afterAt}/{@code afterId} of a previous page.
 */
public record ReplaySelection(
        String envelopeId,
        String taskId,
        String agentId,
        OffsetDateTime from,
        OffsetDateTime to,
        int limit,
        OffsetDateTime afterAt,
        String afterId) {

    public String mode() {
        return envelopeId != null ? "envelope" : taskId != null ? "task" : "window";
    }
}
