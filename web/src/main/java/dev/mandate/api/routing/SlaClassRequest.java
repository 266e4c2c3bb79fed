package dev.mandate.api.routing;

import dev.mandate.api.json.RequestBody;
import dev.mandate.routing.entity.OnExpiry;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

public class SlaClassRequest implements RequestBody {

    @NotNull(message = "is required")
    public Long decideWithinSeconds;

    /** Default: a tenth of decideWithinSeconds. */
    public Long warnBeforeSeconds;

    @NotNull(message = "is required (DENY, FALLBACK or QUEUE)")
    public OnExpiry onExpiry;

    @Size(max = 20, message = "must list at most 20 roles")
    public List<
                    @NotNull(message = "must not be null") @Size(max = 100, message = "must be at most 100 characters")
                    String>
            fallbackRoles;

    public Long fallbackWithinSeconds;
}
