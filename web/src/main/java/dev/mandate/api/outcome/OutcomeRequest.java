package dev.mandate.api.outcome;

import dev.mandate.api.json.RequestBody;
import dev.mandate.outcome.entity.OutcomeKind;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public class OutcomeRequest implements RequestBody {

    /** A year: no task takes longer, and a larger figure is a unit mistake. */
    static final long MAX_SECONDS = 31_536_000L;

    @NotNull(message = "is required (RESOLVED, ESCALATED, FAILED or ABANDONED)")
    public OutcomeKind outcome;

    @NotNull(message = "is required (seconds from the task's start to its end)")
    @Min(value = 0, message = "must be 0 or more")
    @Max(value = MAX_SECONDS, message = "must be at most " + MAX_SECONDS + " (a year)")
    public Long timeToCompleteSeconds;

    @Min(value = 0, message = "must be 0 or more")
    @Max(value = MAX_SECONDS, message = "must be at most " + MAX_SECONDS + " (a year)")
    public Long humanReviewSeconds;

    /** The agent whose task it is: required from an administrator or reviewer; an agent may leave it out. */
    @Size(min = 1, max = 36, message = "must be 1 to 36 characters")
    public String agentId;
}
