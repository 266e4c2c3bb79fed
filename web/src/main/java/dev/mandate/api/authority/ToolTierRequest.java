package dev.mandate.api.authority;

import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.api.json.RequestBody;
import jakarta.validation.constraints.NotNull;

public class ToolTierRequest implements RequestBody {

    @NotNull(message = "is required")
    public AuthorityTier tier;
}
