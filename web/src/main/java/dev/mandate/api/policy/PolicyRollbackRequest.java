package dev.mandate.api.policy;

import dev.mandate.api.json.MayBeEmpty;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/policies/rollback}: which earlier policy version to restore (default: the one before). */
public class PolicyRollbackRequest implements MayBeEmpty {

    @Min(value = 0, message = "must be 0 or more")
    public Long toVersion;

    @Size(max = 500, message = "must be at most 500 characters")
    public String reason;
}
