package dev.mandate.api.replay;

import dev.mandate.api.json.RequestBody;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/replays}: exactly one of {@code envelopeId}, {@code taskId} or the window {@code from}/{@code
 * to} (ISO-8601 instants); {@code agentId} narrows a task or window to one agent; {@code limit} and {@code cursor}
 * page a task or window.
 */
public class ReplayRequest implements RequestBody {

    @Size(max = 36, message = "must be at most 36 characters")
    public String envelopeId;

    @Size(min = 1, max = 128, message = "must be 1 to 128 characters")
    public String taskId;

    @Size(max = 36, message = "must be at most 36 characters")
    public String agentId;

    @Size(max = 40, message = "must be an ISO-8601 instant")
    @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}T.+", message = "must be an ISO-8601 instant, e.g. 2026-12-03T08:00:00Z")
    public String from;

    @Size(max = 40, message = "must be an ISO-8601 instant")
    @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}T.+", message = "must be an ISO-8601 instant, e.g. 2026-12-03T09:00:00Z")
    public String to;

    @Min(value = 1, message = "must be at least 1")
    public Integer limit;

    @Size(max = 200, message = "must be a cursor from a replay's nextCursor")
    public String cursor;
}
