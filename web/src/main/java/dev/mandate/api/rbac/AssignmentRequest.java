package dev.mandate.api.rbac;

import dev.mandate.api.json.RequestBody;
import dev.mandate.rbac.entity.PrincipalType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Give a role to an agent (principal = agent id) or a person (principal = their token subject). */
public class AssignmentRequest implements RequestBody {

    @NotNull(message = "is required (AGENT or PERSON)")
    public PrincipalType principalType;

    @NotBlank(message = "is required")
    @Size(max = 256, message = "must be at most 256 characters")
    public String principal;
}
