package dev.mandate.api.agent;

import dev.mandate.agent.entity.AgentVersion;
import dev.mandate.api.json.RequestBody;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/agents/{id}/versions}: a new version of the agent. */
public class AgentVersionRequest implements RequestBody {

    @NotBlank(message = "is required")
    @Pattern(
            regexp = "[A-Za-z0-9][A-Za-z0-9._+-]{0,63}",
            message = "must be 1-64 of A-Z a-z 0-9 . _ + - (starting with a letter or digit)")
    public String version;

    @NotBlank(message = "is required (the model this version calls)")
    @Size(max = 200, message = "must be at most 200 characters")
    public String model;

    /** A reference to the prompt (a hash, a path in a prompt registry), not the prompt itself. */
    @Size(max = 2000, message = "must be at most 2000 characters")
    public String prompt;

    @Size(max = 500, message = "must be at most 500 characters")
    public String codeRef;

    @Size(max = 2000, message = "must be at most 2000 characters")
    @Pattern(regexp = "https?://[^\\s]+", message = "must be an http or https URL")
    public String evalEndpoint;

    AgentVersion toVersion(String agentId) {
        return new AgentVersion(agentId, version, model, prompt, codeRef, evalEndpoint, null, null);
    }
}
