package dev.mandate.api.evals;

import dev.mandate.api.json.RequestBody;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** {@code POST /api/v1/evals/gates}: a candidate run against the current version's run of the same cases. */
public class EvalGateRequest implements RequestBody {

    @NotBlank(message = "is required")
    @Size(max = 36, message = "must be at most 36 characters")
    public String candidateRun;

    @NotBlank(message = "is required")
    @Size(max = 36, message = "must be at most 36 characters")
    public String currentRun;

    /** Default: mandate.evals.gate.threshold-points. */
    @DecimalMin(value = "0", inclusive = false, message = "must be more than 0 and less than 100")
    @DecimalMax(value = "100", inclusive = false, message = "must be more than 0 and less than 100")
    public BigDecimal thresholdPoints;

    /** Default: mandate.evals.gate.alpha. */
    @DecimalMin(value = "0", inclusive = false, message = "must be more than 0 and at most 0.5")
    @DecimalMax(value = "0.5", message = "must be more than 0 and at most 0.5")
    public BigDecimal alpha;
}
