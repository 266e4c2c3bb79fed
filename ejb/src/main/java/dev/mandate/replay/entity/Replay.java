package dev.mandate.replay.entity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A replay: the envelopes selected ({@code total} match the selection; {@code envelopes} are this page, oldest
 * first), each decided again at {@code policyVersion}, and the summary of what would now happen to them.
 * {@code nextAt}/{@code nextId} mark where the next page starts, null on the last.
 */
public record Replay(
        String replayId,
        String policyVersion,
        long total,
        Summary summary,
        List<ReplayedEnvelope> envelopes,
        OffsetDateTime nextAt,
        String nextId) {

    /** Counts over the page: what would now be decided, how many changed, and each change of decision. */
    public record Summary(
            int envelopes,
            int changed,
            int allowed,
            int denied,
            int requireApproval,
            int escalated,
            int shadow,
            int refused,
            Map<String, Integer> transitions) {}
}
