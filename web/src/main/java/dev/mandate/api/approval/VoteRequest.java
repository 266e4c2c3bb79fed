package dev.mandate.api.approval;

import dev.mandate.api.json.MayBeEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An approver's vote: why, and (optionally) the arguments hash they saw, so changed arguments are not approved. */
public class VoteRequest implements MayBeEmpty {

    @Size(max = 2000, message = "must be at most 2000 characters")
    public String reason;

    @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be the request's argumentsHash (64 hex digits)")
    public String argumentsHash;
}
