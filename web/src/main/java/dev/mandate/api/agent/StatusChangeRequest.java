package dev.mandate.api.agent;

import dev.mandate.agent.entity.AgentStatus;
import dev.mandate.api.json.RequestBody;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Suspend or reactivate an agent, saying why. */
public class StatusChangeRequest implements RequestBody {

    @NotNull(message = "is required (ACTIVE or SUSPENDED)")
    public AgentStatus status;

    @NotBlank(message = "is required")
    @Size(max = 500, message = "must be at most 500 characters")
    public String reason;
}
