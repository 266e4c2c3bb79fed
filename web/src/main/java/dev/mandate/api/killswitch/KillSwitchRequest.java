package dev.mandate.api.killswitch;

import dev.mandate.api.json.RequestBody;
import dev.mandate.killswitch.entity.KillSwitchScope;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public class KillSwitchRequest implements RequestBody {

    @NotNull(message = "is required (GLOBAL, TENANT, AGENT or TOOL)")
    public KillSwitchScope scope;

    /** the agent id (AGENT) or tool key (TOOL); ignored for TENANT and GLOBAL */
    @Size(max = 200, message = "must be at most 200 characters")
    public String target;

    @NotNull(message = "is required")
    public Boolean active;

    @NotBlank(message = "is required: say why")
    @Size(max = 500, message = "must be at most 500 characters")
    public String reason;
}
