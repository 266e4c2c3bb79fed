package dev.mandate.scim.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.messages.PatchOperation;
import dev.mandate.agent.boundary.Agents;
import dev.mandate.agent.entity.Agent;
import dev.mandate.agent.entity.AgentStatus;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.paging.Page;
import dev.mandate.platform.query.Search;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.security.Versions;
import dev.mandate.rbac.boundary.Roles;
import dev.mandate.rbac.entity.PrincipalType;
import dev.mandate.rbac.entity.Role;
import dev.mandate.rbac.entity.RoleDefinition;
import dev.mandate.scim.ETags;
import dev.mandate.scim.error.ScimProblem;
import dev.mandate.scim.patch.PatchNormalizer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * SCIM Groups on top of the Roles boundary ({@code Roles.create}, {@code rename},
 * {@code changeAgentMembers}, {@code delete}). A PATCH or PUT locks the role first, then reads, applies
 * and writes the membership difference in one transaction: concurrent PATCHes of one group serialise
 * and lose no member.
 */
@ApplicationScoped
public class ScimGroupService {

    static final String KIND = "Group";

    @Inject
    Roles roles;

    @Inject
    Agents agents;

    @Transactional
    public Role create(Caller caller, ObjectNode body) {
        GroupMapper.Mapped mapped = GroupMapper.fromScim(body);
        Role role = roles.create(
                caller, new RoleDefinition(mapped.displayName(), null, false, Set.of()), mapped.externalId());
        if (mapped.members() != null && !mapped.members().isEmpty()) {
            role = roles.changeAgentMembers(caller, role.id(), Versions.ANY, mapped.members(), Set.of());
        }
        return role;
    }

    public Role get(Caller caller, String id) {
        try {
            return roles.get(caller, id);
        } catch (ResourceNotFoundException e) {
            throw ScimProblem.notFound(KIND, id);
        }
    }

    /** The agents holding the role that are not deprovisioned, by name. */
    public List<Agent> members(Caller caller, String roleId) {
        return agents.findAll(caller, roles.agentMembers(caller, roleId)).stream()
                .filter(agent -> agent.status() != AgentStatus.DEPROVISIONED)
                .sorted(Comparator.comparing(Agent::name).thenComparing(Agent::id))
                .toList();
    }

    public Page<Role> search(Caller caller, Search search) {
        return roles.search(caller, search);
    }

    @Transactional
    public Role replace(Caller caller, String id, Long expectedVersion, ObjectNode body) {
        Role role = lock(caller, id, expectedVersion);
        JsonNode bodyId = body.get("id");
        if (bodyId != null && !bodyId.isNull() && !Objects.equals(bodyId.asText(), id)) {
            throw ScimProblem.mutability("'id' is read-only.");
        }
        GroupMapper.Mapped mapped = GroupMapper.fromScim(body);
        Set<String> members = mapped.members() == null ? Set.of() : mapped.members();
        return write(caller, role, mapped.displayName(), mapped.externalId(), members);
    }

    @Transactional
    public Role patch(Caller caller, String id, Long expectedVersion, ObjectNode body) {
        List<PatchOperation> operations = PatchNormalizer.operations(body);
        Role role = lock(caller, id, expectedVersion);
        List<Agent> before = members(caller, id);
        ObjectNode resource = GroupMapper.toScim(role, before, true, "");
        PatchNormalizer.apply(operations, resource);
        JsonNode patchedId = resource.get("id");
        if (patchedId == null || !Objects.equals(patchedId.asText(), id)) {
            throw ScimProblem.mutability("'id' is read-only.");
        }
        GroupMapper.Mapped mapped = GroupMapper.fromScim(resource);
        Set<String> after = mapped.members() == null ? Set.of() : mapped.members();
        return write(caller, role, mapped.displayName(), mapped.externalId(), after);
    }

    /**
     * Deletes a role the identity provider may delete: one that is no approver role and that no person
     * holds. Those belong to the risk owners; deleting them takes an administrator, through the API.
     */
    @Transactional
    public void delete(Caller caller, String id, Long expectedVersion) {
        Role role = lock(caller, id, expectedVersion);
        if (role.approver()) {
            throw ScimProblem.mutability("Group '" + role.name()
                    + "' is an approver role: an administrator deletes it through /api/v1/roles.");
        }
        boolean heldByPeople = roles.assignments(caller, id).stream()
                .anyMatch(assignment -> assignment.principalType() == PrincipalType.PERSON);
        if (heldByPeople) {
            throw ScimProblem.mutability("Group '" + role.name()
                    + "' is held by people: an administrator deletes it through /api/v1/roles.");
        }
        roles.delete(caller, id, Versions.ANY);
    }

    private Role lock(Caller caller, String id, Long expectedVersion) {
        Role role;
        try {
            role = roles.getForUpdate(caller, id);
        } catch (ResourceNotFoundException e) {
            throw ScimProblem.notFound(KIND, id);
        }
        if (expectedVersion != null && expectedVersion != Versions.ANY && expectedVersion != role.version()) {
            throw new ScimProblem(412, null, "Group '" + id + "' has changed: fetch it again for the current ETag.");
        }
        return role;
    }

    private Role write(Caller caller, Role role, String name, String externalId, Set<String> wanted) {
        String id = role.id();
        role = roles.rename(caller, id, Versions.ANY, name, externalId);
        Set<String> current = new TreeSet<>();
        members(caller, id).forEach(agent -> current.add(agent.id()));
        Set<String> add = new LinkedHashSet<>(wanted);
        add.removeAll(current);
        Set<String> remove = new TreeSet<>(current);
        remove.removeAll(wanted);
        if (!add.isEmpty() || !remove.isEmpty()) {
            role = roles.changeAgentMembers(caller, id, ETags.orAny(null), add, remove);
        }
        return role;
    }
}
