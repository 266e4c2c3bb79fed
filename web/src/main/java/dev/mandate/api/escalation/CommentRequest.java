package dev.mandate.api.escalation;

import dev.mandate.api.json.MayBeEmpty;
import jakarta.validation.constraints.Size;

/** Why, where a step takes a reason. */
public class CommentRequest implements MayBeEmpty {

    @Size(max = 2000, message = "must be at most 2000 characters")
    public String reason;
}
