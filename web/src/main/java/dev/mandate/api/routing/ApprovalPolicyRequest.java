package dev.mandate.api.routing;

import dev.mandate.api.json.RequestBody;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public class ApprovalPolicyRequest implements RequestBody {

    @NotNull(message = "is required (1 to 10 distinct people)")
    @Min(value = 1, message = "must be between 1 and 10")
    @Max(value = 10, message = "must be between 1 and 10")
    public Integer requiredApprovals;

    /** Default true. */
    public Boolean sponsorMayApprove;

    /** Default: standard. */
    @Size(max = 63, message = "must be at most 63 characters")
    public String slaClass;
}
