package dev.mandate.api.authority;

import dev.mandate.api.json.RequestBody;
import jakarta.validation.constraints.NotNull;

public class ShadowModeRequest implements RequestBody {

    @NotNull(message = "is required")
    public Boolean enabled;
}
