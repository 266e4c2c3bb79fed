package dev.mandate.api.budget;

import dev.mandate.api.json.RequestBody;
import dev.mandate.budget.entity.BudgetPeriod;
import dev.mandate.budget.entity.BudgetScope;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

public class BudgetRequest implements RequestBody {

    @NotNull(message = "is required (TENANT or AGENT)")
    public BudgetScope scope;

    /** the agent id for an AGENT budget */
    public String subject;

    @NotNull(message = "is required (DAY or WEEK)")
    public BudgetPeriod period;

    @NotNull(message = "is required")
    @DecimalMin(value = "0", message = "must be 0 or more")
    @DecimalMax(value = "1000000000", message = "must be at most 1000000000")
    public BigDecimal maxCost;
}
