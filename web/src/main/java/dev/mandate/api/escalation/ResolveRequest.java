package dev.mandate.api.escalation;

import dev.mandate.api.json.RequestBody;
import dev.mandate.escalation.entity.Resolution;
import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public class ResolveRequest implements RequestBody {

    @NotNull(message = "is required (EXECUTE, EXECUTE_EDITED, REJECT or RETURN_TO_AGENT)")
    public Resolution resolution;

    @Size(max = 2000, message = "must be at most 2000 characters")
    public String reason;

    /** For EXECUTE_EDITED: the arguments to execute instead of the agent's. */
    public JsonObject arguments;
}
