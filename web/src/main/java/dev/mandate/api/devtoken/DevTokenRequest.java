package dev.mandate.api.devtoken;

import dev.mandate.api.json.RequestBody;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

public class DevTokenRequest implements RequestBody {

    @NotBlank(message = "is required")
    @Size(max = 256, message = "must be at most 256 characters")
    public String subject;

    @NotNull(message = "is required (e.g. [\"mandate-admin\"])")
    @Size(max = 20, message = "must list at most 20 groups")
    public List<
                    @NotBlank(message = "must not be blank")
                    @Size(max = 100, message = "must be at most 100 characters") String>
            groups;

    /** Default: the demo tenant. */
    @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be a tenant id (lowercase letters, digits, -)")
    public String tenant;

    @Min(value = 60, message = "must be at least 60")
    @Max(value = 86400, message = "must be at most 86400")
    public Long ttlSeconds;
}
