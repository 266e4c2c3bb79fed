package dev.mandate.api.evals;

import dev.mandate.api.json.RequestBody;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/evals/runs}: replay a dataset version as an agent version. */
public class EvalRunRequest implements RequestBody {

    @NotBlank(message = "is required")
    @Size(max = 100, message = "must be at most 100 characters")
    public String dataset;

    @NotNull(message = "is required")
    @Min(value = 1, message = "must be 1 or more")
    @Max(value = Integer.MAX_VALUE, message = "must be at most 2147483647")
    public Long datasetVersion;

    @NotBlank(message = "is required")
    @Size(max = 36, message = "must be at most 36 characters")
    public String agentId;

    @NotBlank(message = "is required")
    @Size(max = 64, message = "must be at most 64 characters")
    public String agentVersion;
}
