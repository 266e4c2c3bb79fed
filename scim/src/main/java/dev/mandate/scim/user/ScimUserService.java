package dev.mandate.scim.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.messages.PatchOperation;
import dev.mandate.agent.boundary.Agents;
import dev.mandate.agent.entity.Agent;
import dev.mandate.agent.entity.AgentStatus;
import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.agent.entity.ChangeSource;
import dev.mandate.platform.paging.Page;
import dev.mandate.platform.query.Search;
import dev.mandate.platform.security.Caller;
import dev.mandate.rbac.boundary.Roles;
import dev.mandate.rbac.entity.Role;
import dev.mandate.scim.ETags;
import dev.mandate.scim.error.ScimProblem;
import dev.mandate.scim.patch.PatchNormalizer;
import dev.mandate.tenant.control.TenantSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * SCIM Users on top of the Agents boundary: every write goes through {@code Agents.create},
 * {@code replace}, {@code changeStatus} or {@code deprovision}, so status history and the audit trail
 * see SCIM changes exactly like API changes. One transaction per SCIM operation.
 */
@ApplicationScoped
public class ScimUserService {

    static final String KIND = "User";

    @Inject
    Agents agents;

    @Inject
    Roles roles;

    @Inject
    TenantSettings settings;

    @Transactional
    public Agent create(Caller caller, ObjectNode body) {
        UserMapper.Mapped mapped = UserMapper.fromScim(body, null);
        requireTierWithinCeiling(
                caller, AuthorityTier.READ_ONLY, mapped.profile().defaultTier());
        Agent agent = agents.create(caller, mapped.profile(), mapped.attributes());
        if (!mapped.active()) {
            agent = agents.changeStatus(
                    caller,
                    agent.id(),
                    ETags.orAny(null),
                    AgentStatus.SUSPENDED,
                    "SCIM: provisioned with active=false",
                    ChangeSource.SCIM);
        }
        return agent;
    }

    /** The agent, unless it does not exist in the tenant or is deprovisioned (404 either way). */
    public Agent get(Caller caller, String id) {
        Agent agent;
        try {
            agent = agents.get(caller, id);
        } catch (dev.mandate.platform.error.ResourceNotFoundException e) {
            throw ScimProblem.notFound(KIND, id);
        }
        if (agent.status() == AgentStatus.DEPROVISIONED) {
            throw ScimProblem.notFound(KIND, id);
        }
        return agent;
    }

    public List<Role> groups(Caller caller, String agentId) {
        return roles.heldByAgents(caller, List.of(agentId)).getOrDefault(agentId, List.of());
    }

    public Map<String, List<Role>> groups(Caller caller, List<Agent> page) {
        return roles.heldByAgents(caller, page.stream().map(Agent::id).toList());
    }

    public Page<Agent> search(Caller caller, Search search) {
        return agents.search(caller, search);
    }

    @Transactional
    public Agent replace(Caller caller, String id, Long expectedVersion, ObjectNode body) {
        Agent current = get(caller, id);
        requireVersion(id, expectedVersion, current);
        requireSameId(id, body);
        return write(caller, current, UserMapper.fromScim(body, current));
    }

    @Transactional
    public Agent patch(Caller caller, String id, Long expectedVersion, ObjectNode body) {
        List<PatchOperation> operations = PatchNormalizer.operations(body);
        Agent current = get(caller, id);
        requireVersion(id, expectedVersion, current);
        ObjectNode resource = UserMapper.toScim(current, List.of(), "");
        PatchNormalizer.apply(operations, resource);
        requireSameId(id, resource);
        return write(caller, current, UserMapper.fromScim(resource, current));
    }

    /** Deprovisions: the agent can never act again; its row, history and audit stay. */
    @Transactional
    public void delete(Caller caller, String id, Long expectedVersion) {
        Agent current = get(caller, id);
        requireVersion(id, expectedVersion, current);
        agents.deprovision(caller, id, ETags.orAny(null), "SCIM: DELETE");
    }

    private Agent write(Caller caller, Agent current, UserMapper.Mapped mapped) {
        Agent agent = current;
        String id = current.id();
        requireTierWithinCeiling(caller, current.defaultTier(), mapped.profile().defaultTier());
        if (!mapped.profile().equals(current.profile()) || !mapped.attributes().equals(current.directoryAttributes())) {
            agent = agents.replace(caller, id, ETags.orAny(null), mapped.profile(), mapped.attributes());
        }
        AgentStatus wanted = mapped.active() ? AgentStatus.ACTIVE : AgentStatus.SUSPENDED;
        if (agent.status() != wanted && !liftsSomeoneElsesSuspension(agent, wanted)) {
            agent = agents.changeStatus(
                    caller,
                    id,
                    ETags.orAny(null),
                    wanted,
                    mapped.active() ? "SCIM: active=true (reactivated)" : "SCIM: active=false (suspended)",
                    ChangeSource.SCIM);
        }
        return agent;
    }

    /**
     * The identity provider lifts only suspensions it made: an administrator's (incident response) stays
     * until an administrator lifts it, whatever the next sync pushes; the answer then says active=false.
     */
    private static boolean liftsSomeoneElsesSuspension(Agent agent, AgentStatus wanted) {
        return wanted == AgentStatus.ACTIVE
                && agent.status() == AgentStatus.SUSPENDED
                && agent.suspendedBy().orElse(ChangeSource.API) != ChangeSource.SCIM;
    }

    /**
     * Authority belongs to risk owners: over SCIM a default tier may be set only up to the tenant's
     * ceiling ({@code mandate.scim.max-tier}); keeping a higher tier an administrator gave is allowed.
     */
    private void requireTierWithinCeiling(Caller caller, AuthorityTier current, AuthorityTier wanted) {
        if (wanted == current) {
            return;
        }
        AuthorityTier ceiling = settings.scimMaxTier(caller.tenant());
        if (wanted.compareTo(ceiling) > 0) {
            throw ScimProblem.mutability(
                    "defaultTier " + wanted + " is above what provisioning may set in this tenant (" + ceiling
                            + "): an administrator sets it through /api/v1/agents.");
        }
    }

    static void requireVersion(String id, Long expected, Agent current) {
        if (expected != null
                && expected != dev.mandate.platform.security.Versions.ANY
                && expected != current.version()) {
            throw new ScimProblem(412, null, "User '" + id + "' has changed: fetch it again for the current ETag.");
        }
    }

    /** {@code id} is read-only: a body may repeat it, not change it. */
    static void requireSameId(String id, ObjectNode body) {
        JsonNode bodyId = body.get("id");
        if (bodyId != null && !bodyId.isNull() && !Objects.equals(bodyId.asText(), id)) {
            throw ScimProblem.mutability("'id' is read-only.");
        }
    }
}
