package dev.mandate.api.agent;

import dev.mandate.agent.entity.AgentProfile;
import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.api.json.RequestBody;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a client may set on an agent. Ids, tenant, status and audit fields are Mandate's: sending them
 * is refused as an unknown property. (Request bodies are classes, not records: Payara's OpenAPI scanner
 * fails on constraints that records copy onto constructor parameters.)
 */
public class AgentRequest implements RequestBody {

    @NotBlank(message = "is required")
    @Size(max = 128, message = "must be at most 128 characters")
    @Pattern(
            regexp = "[A-Za-z0-9][A-Za-z0-9._@+-]*",
            message = "must start with a letter or digit and contain only letters, digits and . _ @ + -")
    public String name;

    @Size(max = 1000, message = "must be at most 1000 characters")
    public String description;

    /**
     * The human who answers for the agent. Without one (and without a tenant default sponsor) the agent
     * exists but every envelope it sends is denied with NO_SPONSOR.
     */
    @Size(max = 256, message = "must be at most 256 characters")
    @Pattern(regexp = ".*\\S.*", message = "must not be blank (leave it out for none)")
    public String sponsor;

    /** Least privilege (READ_ONLY) when absent. */
    public AuthorityTier defaultTier;

    @Size(min = 1, max = 256, message = "must be 1 to 256 characters")
    public String externalId;

    @Size(max = 100, message = "must be at most 100 characters")
    @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be lowercase letters, digits and -")
    public String workflow;

    AgentProfile toProfile() {
        return new AgentProfile(
                name,
                description,
                sponsor,
                defaultTier == null ? AuthorityTier.READ_ONLY : defaultTier,
                externalId,
                workflow);
    }
}
