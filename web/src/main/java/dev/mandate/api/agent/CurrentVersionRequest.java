package dev.mandate.api.agent;

import dev.mandate.api.json.RequestBody;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code PUT /api/v1/agents/{id}/current-version}: the registered version to make current. */
public class CurrentVersionRequest implements RequestBody {

    @NotBlank(message = "is required")
    @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._+-]{0,63}", message = "must be a version of the agent")
    public String version;

    @Size(max = 500, message = "must be at most 500 characters")
    public String reason;
}
