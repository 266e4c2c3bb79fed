package dev.mandate.api.baseline;

import dev.mandate.api.json.RequestBody;
import dev.mandate.baseline.entity.Baseline;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

public class BaselineRequest implements RequestBody {

    @NotNull(message = "is required (a workflow key)")
    @Size(min = 1, max = 100, message = "must be 1 to 100 characters")
    public String workflow;

    /** Left out: the baseline of the whole workflow. */
    @Size(min = 1, max = 100, message = "must be 1 to 100 characters")
    public String taskType;

    @Min(value = 0, message = "must be 0 or more")
    @Max(value = 1_000_000_000L, message = "must be at most 1000000000")
    public Long weeklyVolume;

    @Min(value = 0, message = "must be 0 or more")
    @Max(value = 525_600L, message = "must be at most 525600 (a year)")
    public Long slaTargetMinutes;

    @NotNull(message = "is required (what one item costs today)")
    @DecimalMin(value = "0", message = "must be 0 or more")
    @Digits(integer = 9, fraction = 4, message = "must have at most 9 digits and 4 decimals")
    public BigDecimal costPerItem;

    @NotNull(message = "is required (minutes a person spends on one item today)")
    @DecimalMin(value = "0", message = "must be 0 or more")
    @DecimalMax(value = "525600", message = "must be at most 525600 (a year)")
    @Digits(integer = 6, fraction = 2, message = "must have at most 2 decimals")
    public BigDecimal handlingMinutes;

    @Min(value = 0, message = "must be 0 or more")
    @Max(value = 1_000_000_000L, message = "must be at most 1000000000")
    public Long backlog;

    @NotNull(message = "is required (what an hour of a person costs)")
    @DecimalMin(value = "0", message = "must be 0 or more")
    @Digits(integer = 7, fraction = 4, message = "must have at most 7 digits and 4 decimals")
    public BigDecimal hourlyRate;

    Baseline.Figures figures() {
        return new Baseline.Figures(
                workflow, taskType, weeklyVolume, slaTargetMinutes, costPerItem, handlingMinutes, backlog, hourlyRate);
    }
}
