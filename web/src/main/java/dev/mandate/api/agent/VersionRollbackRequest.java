package dev.mandate.api.agent;

import dev.mandate.api.json.MayBeEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/agents/{id}/current-version/rollback}: optionally which earlier current version. */
public class VersionRollbackRequest implements MayBeEmpty {

    @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._+-]{0,63}", message = "must be a version of the agent")
    public String toVersion;

    @Size(max = 500, message = "must be at most 500 characters")
    public String reason;
}
