package dev.mandate.api.taxonomy;

import dev.mandate.api.json.RequestBody;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public class WorkflowRequest implements RequestBody {

    /** What a workflow's key is: 1 to 100 of lowercase letters, digits and -, not starting with -. */
    public static final String KEY_PATTERN = "[a-z0-9][a-z0-9-]{0,99}";

    @NotBlank(message = "is required")
    @Pattern(regexp = KEY_PATTERN, message = "must be lowercase letters, digits and -")
    public String key;

    @NotBlank(message = "is required")
    @Size(max = 200, message = "must be at most 200 characters")
    public String name;

    @Size(max = 2000, message = "must be at most 2000 characters")
    public String description;
}
