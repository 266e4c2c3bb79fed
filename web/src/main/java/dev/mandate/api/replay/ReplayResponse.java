package dev.mandate.api.replay;

import dev.mandate.api.http.Cursor;
import dev.mandate.replay.entity.Replay;
import dev.mandate.replay.entity.ReplayedEnvelope;
import java.util.List;

/** A replay's answer: the summary first, then each envelope; {@code nextCursor} pages a task or window on. */
public record ReplayResponse(
        String replayId,
        String policyVersion,
        long total,
        Replay.Summary summary,
        List<ReplayedEnvelope> envelopes,
        String nextCursor) {

    static ReplayResponse of(Replay replay) {
        return new ReplayResponse(
                replay.replayId(),
                replay.policyVersion(),
                replay.total(),
                replay.summary(),
                replay.envelopes(),
                replay.nextAt() == null ? null : new Cursor(replay.nextAt().toInstant(), replay.nextId()).encode());
    }
}
