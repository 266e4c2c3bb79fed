package dev.mandate.rbac.boundary;

import dev.mandate.agent.boundary.Agents;
import dev.mandate.agent.entity.Agent;
import dev.mandate.agent.entity.AgentStatus;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.configuration.control.ConfigurationChanges;
import dev.mandate.platform.change.IdentityChanged;
import dev.mandate.platform.error.ConflictException;
import dev.mandate.platform.error.Flushes;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.error.StaleVersionException;
import dev.mandate.platform.paging.Page;
import dev.mandate.platform.paging.PageRequest;
import dev.mandate.platform.query.Search;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.security.Versions;
import dev.mandate.rbac.entity.PrincipalType;
import dev.mandate.rbac.entity.Role;
import dev.mandate.rbac.entity.RoleAssignment;
import dev.mandate.rbac.entity.RoleDefinition;
import dev.mandate.tenant.boundary.Tenants;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Tenant-defined RBAC roles and who holds them. */
@Stateless
public class Roles {

    static final String KIND = "role";
    static final String ASSIGNMENT = "role assignment";

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @EJB
    Tenants tenants;

    @EJB
    Agents agents;

    @Inject
    ConfigurationChanges configurationChanges;

    @Inject
    Event<IdentityChanged> changes;

    public Role create(Caller caller, RoleDefinition definition) {
        return create(caller, definition, null);
    }

    /** Creates a role provisioned from an identity provider's group (SCIM), remembering its external id. */
    public Role create(Caller caller, RoleDefinition definition, String externalId) {
        requireNotBuiltIn(definition.name());
        tenants.ensureRegistered(caller.tenant(), caller.tenant());
        requireUniqueName(caller.tenant(), definition.name(), null);
        Role role = new Role(caller.tenant(), definition, caller.subject());
        role.externalId(externalId, caller.subject());
        em.persist(role);
        flush(role.id());
        audit(caller, "role.created", null, details(null, summary(role)));
        changed(caller, role.id(), "create", null, summary(role));
        return role;
    }

    /**
     * The role, locked against concurrent writers until the transaction ends: read-modify-write of its
     * membership (SCIM PATCH) then never loses another writer's change.
     */
    public Role getForUpdate(Caller caller, String id) {
        Role role = em.find(Role.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (role == null || !role.tenantId().equals(caller.tenant())) {
            throw new ResourceNotFoundException(KIND, id);
        }
        return role;
    }

    /** Renames a role and sets its external id (SCIM), keeping its approver flag and permissions. */
    public Role rename(Caller caller, String id, Long expectedVersion, String name, String externalId) {
        Role role = get(caller, id);
        Versions.require(KIND, id, expectedVersion, role.version());
        RoleDefinition current = role.definition();
        if (current.name().equals(name) && Objects.equals(role.externalId(), externalId)) {
            return role;
        }
        requireNotBuiltIn(name);
        requireUniqueName(caller.tenant(), name, id);
        String before = summary(role);
        role.apply(
                new RoleDefinition(name, current.description(), current.approver(), current.permissions()),
                caller.subject());
        role.externalId(externalId, caller.subject());
        flush(id);
        changed(caller, id, "rename", before, summary(role));
        audit(caller, "role.renamed", null, details(before, summary(role)));
        return role;
    }

    /** The roles each of the given agents holds, in two queries (SCIM lists show every user's groups). */
    public Map<String, List<Role>> heldByAgents(Caller caller, Collection<String> agentIds) {
        if (agentIds.isEmpty()) {
            return Map.of();
        }
        List<RoleAssignment> held = em.createQuery(
                        "select a from RoleAssignment a where a.tenantId = :tenant and a.principalType = :type"
                                + " and a.principal in :agents",
                        RoleAssignment.class)
                .setParameter("tenant", caller.tenant())
                .setParameter("type", PrincipalType.AGENT)
                .setParameter("agents", agentIds)
                .getResultList();
        if (held.isEmpty()) {
            return Map.of();
        }
        Map<String, Role> byId = em
                .createQuery("select r from Role r where r.tenantId = :tenant and r.id in :ids", Role.class)
                .setParameter("tenant", caller.tenant())
                .setParameter("ids", held.stream().map(RoleAssignment::roleId).collect(Collectors.toSet()))
                .getResultList()
                .stream()
                .collect(Collectors.toMap(Role::id, role -> role));
        Map<String, List<Role>> result = new HashMap<>();
        for (RoleAssignment assignment : held) {
            Role role = byId.get(assignment.roleId());
            if (role != null) {
                result.computeIfAbsent(assignment.principal(), agent -> new ArrayList<>())
                        .add(role);
            }
        }
        result.values().forEach(roles -> roles.sort(Comparator.comparing(Role::name)));
        return result;
    }

    /** The agents holding the role, by agent id. */
    public Set<String> agentMembers(Caller caller, String roleId) {
        return em
                .createQuery(
                        "select a.principal from RoleAssignment a where a.tenantId = :tenant and a.roleId = :role"
                                + " and a.principalType = :type",
                        String.class)
                .setParameter("tenant", caller.tenant())
                .setParameter("role", roleId)
                .setParameter("type", PrincipalType.AGENT)
                .getResultList()
                .stream()
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Gives the role to the agents in {@code add} and takes it from those in {@code remove}, in one
     * transaction: adding a holder again or removing a non-holder changes nothing. Every added id must be
     * an agent of the tenant that is not deprovisioned, and the role must not be an approver role.
     */
    public Role changeAgentMembers(
            Caller caller, String roleId, Long expectedVersion, Set<String> add, Set<String> remove) {
        Role role = getForUpdate(caller, roleId);
        Versions.require(KIND, roleId, expectedVersion, role.version());
        Set<String> current = agentMembers(caller, roleId);
        Set<String> toAdd = new TreeSet<>(add);
        toAdd.removeAll(current);
        toAdd.removeAll(remove);
        Set<String> toRemove = new TreeSet<>(remove);
        toRemove.retainAll(current);
        if (toAdd.isEmpty() && toRemove.isEmpty()) {
            return role;
        }
        if (!toAdd.isEmpty() && role.approver()) {
            throw new InvalidRequestException("members", "approver roles are held by people, not agents");
        }
        Set<String> usable = agents.findAll(caller, toAdd).stream()
                .filter(agent -> agent.status() != AgentStatus.DEPROVISIONED)
                .map(Agent::id)
                .collect(Collectors.toSet());
        for (String agentId : toAdd) {
            if (!usable.contains(agentId)) {
                throw new InvalidRequestException("members", "no agent '" + agentId + "' in this tenant");
            }
            em.persist(new RoleAssignment(role, PrincipalType.AGENT, agentId, caller.subject()));
        }
        if (!toRemove.isEmpty()) {
            em.createQuery("delete from RoleAssignment a where a.tenantId = :tenant and a.roleId = :role"
                            + " and a.principalType = :type and a.principal in :principals")
                    .setParameter("tenant", caller.tenant())
                    .setParameter("role", roleId)
                    .setParameter("type", PrincipalType.AGENT)
                    .setParameter("principals", toRemove)
                    .executeUpdate();
        }
        role.touch(caller.subject());
        flush(roleId);
        changed(caller, roleId, "members", "agents=" + current, "added=" + toAdd + ", removed=" + toRemove);
        audit(
                caller,
                "role.members-replaced",
                null,
                details("agents=" + current, "added=" + toAdd + ", removed=" + toRemove));
        return role;
    }

    /**
     * Roles of the caller's tenant filtered by a translated SCIM filter. Sort keys: displayName, id,
     * externalId, created, lastModified.
     */
    public Page<Role> search(Caller caller, Search search) {
        String orderColumn = SORT_COLUMNS.get(search.sortBy() == null ? "displayName" : search.sortBy());
        if (orderColumn == null) {
            throw new InvalidRequestException("sortBy", "cannot sort by '" + search.sortBy() + "'");
        }
        String where = " where r.tenantId = :tenant and ("
                + (search.where().condition() == null
                        ? "r.id is not null"
                        : search.where().condition()) + ")";
        String direction = search.descending() ? " desc" : " asc";
        TypedQuery<Long> count = em.createQuery("select count(r) from Role r" + where, Long.class);
        count.setParameter("tenant", caller.tenant());
        search.where().parameters().forEach(count::setParameter);
        long total = count.getSingleResult();
        List<Role> found = List.of();
        if (search.limit() > 0 && search.offset() < total) {
            TypedQuery<Role> items = em.createQuery(
                    "select r from Role r" + where + " order by " + orderColumn + direction + ", r.id" + direction,
                    Role.class);
            items.setParameter("tenant", caller.tenant());
            search.where().parameters().forEach(items::setParameter);
            found = items.setFirstResult(search.offset())
                    .setMaxResults(search.limit())
                    .getResultList();
        }
        return new Page<>(found, search.offset(), search.limit(), total);
    }

    private static final Map<String, String> SORT_COLUMNS = Map.of(
            "displayName", "r.nameLower",
            "id", "r.id",
            "externalId", "r.externalId",
            "created", "r.createdAt",
            "lastModified", "r.updatedAt");

    private void changed(Caller caller, String id, String action, String before, String after) {
        changes.fire(new IdentityChanged(caller.tenant(), caller.subject(), KIND, id, action, before, after));
    }

    public Role get(Caller caller, String id) {
        Role role = em.find(Role.class, id);
        if (role == null || !role.tenantId().equals(caller.tenant())) {
            throw new ResourceNotFoundException(KIND, id);
        }
        return role;
    }

    public Page<Role> list(Caller caller, PageRequest page) {
        List<Role> items = em.createNamedQuery(Role.PAGE, Role.class)
                .setParameter("tenant", caller.tenant())
                .setFirstResult(page.offset())
                .setMaxResults(page.limit())
                .getResultList();
        long total = em.createNamedQuery(Role.COUNT, Long.class)
                .setParameter("tenant", caller.tenant())
                .getSingleResult();
        return new Page<>(items, page.offset(), page.limit(), total);
    }

    public Role replace(Caller caller, String id, Long expectedVersion, RoleDefinition definition) {
        Role role = get(caller, id);
        Versions.require(KIND, id, expectedVersion, role.version());
        requireNotBuiltIn(definition.name());
        requireUniqueName(caller.tenant(), definition.name(), id);
        if (definition.approver() != role.approver() && !assignments(caller, id).isEmpty()) {
            throw new ConflictException("remove the role's assignments before changing whether it is an approver role");
        }
        String before = summary(role);
        role.apply(definition, caller.subject());
        flush(id);
        audit(caller, "role.updated", null, details(before, summary(role)));
        changed(caller, id, "replace", before, summary(role));
        return role;
    }

    /** Deletes the role and, with it, every assignment of it. */
    public void delete(Caller caller, String id, Long expectedVersion) {
        Role role = get(caller, id);
        Versions.require(KIND, id, expectedVersion, role.version());
        List<RoleAssignment> held = assignments(caller, id);
        String before = summary(role) + ", assignments=" + held.size();
        held.forEach(em::remove);
        em.remove(role);
        flush(id);
        audit(caller, "role.deleted", null, details(before, null));
        changed(caller, id, "delete", before, null);
    }

    public List<RoleAssignment> assignments(Caller caller, String roleId) {
        get(caller, roleId);
        return em.createNamedQuery(RoleAssignment.FOR_ROLE, RoleAssignment.class)
                .setParameter("tenant", caller.tenant())
                .setParameter("role", roleId)
                .getResultList();
    }

    public RoleAssignment assign(Caller caller, String roleId, PrincipalType type, String principal) {
        Role role = get(caller, roleId);
        if (type == PrincipalType.AGENT) {
            agents.get(caller, principal);
            if (role.approver()) {
                throw new InvalidRequestException("principalType", "approver roles are held by people, not agents");
            }
        }
        boolean alreadyHeld = !em.createNamedQuery(RoleAssignment.SAME, RoleAssignment.class)
                .setParameter("role", roleId)
                .setParameter("type", type)
                .setParameter("principal", principal)
                .getResultList()
                .isEmpty();
        if (alreadyHeld) {
            throw new ConflictException(type + " '" + principal + "' already holds role '" + role.name() + "'");
        }
        RoleAssignment assignment = new RoleAssignment(role, type, principal, caller.subject());
        em.persist(assignment);
        flush(roleId);
        audit(
                caller,
                "role.assigned",
                type == PrincipalType.AGENT ? principal : null,
                details(null, assignmentSummary(role, assignment)));
        changed(caller, roleId, "assign", null, type + " " + principal);
        return assignment;
    }

    public void unassign(Caller caller, String roleId, String assignmentId) {
        Role role = get(caller, roleId);
        RoleAssignment assignment = em.find(RoleAssignment.class, assignmentId);
        if (assignment == null
                || !assignment.tenantId().equals(caller.tenant())
                || !assignment.roleId().equals(roleId)) {
            throw new ResourceNotFoundException(ASSIGNMENT, assignmentId);
        }
        em.remove(assignment);
        flush(roleId);
        audit(
                caller,
                "role.unassigned",
                assignment.principalType() == PrincipalType.AGENT ? assignment.principal() : null,
                details(assignmentSummary(role, assignment), null));
        changed(caller, roleId, "unassign", assignment.principalType() + " " + assignment.principal(), null);
    }

    /** The roles a principal holds in the caller's tenant. */
    public List<Role> heldBy(Caller caller, PrincipalType type, String principal) {
        return em
                .createNamedQuery(RoleAssignment.FOR_PRINCIPAL, RoleAssignment.class)
                .setParameter("tenant", caller.tenant())
                .setParameter("type", type)
                .setParameter("principal", principal)
                .getResultList()
                .stream()
                .map(assignment -> em.find(Role.class, assignment.roleId()))
                .toList();
    }

    /** The change's audit record, in this transaction: it commits or rolls back with the change. */
    private void audit(Caller caller, String action, String agentId, Map<String, String> details) {
        configurationChanges.record(new AuditEntry(
                caller.tenant(), caller.subject(), agentId, null, null, action, "OK", List.of(), null, null, details));
    }

    private static Map<String, String> details(String before, String after) {
        Map<String, String> details = new LinkedHashMap<>();
        if (before != null) {
            details.put("before", before);
        }
        if (after != null) {
            details.put("after", after);
        }
        return details;
    }

    static String summary(Role role) {
        RoleDefinition definition = role.definition();
        String permissions = definition.permissions().stream()
                .map(permission -> permission.tool() + ":" + permission.action())
                .sorted()
                .collect(Collectors.joining(" "));
        return "id=" + role.id() + ", name=" + definition.name() + ", approver=" + definition.approver()
                + ", permissions=[" + permissions + "], description=" + definition.description() + ", externalId="
                + role.externalId();
    }

    private static String assignmentSummary(Role role, RoleAssignment assignment) {
        return "assignment=" + assignment.id() + ", role=" + role.id() + " (" + role.name() + "), "
                + assignment.principalType() + "=" + assignment.principal();
    }

    private static void requireNotBuiltIn(String name) {
        if (BuiltInRole.ALL.contains(name) || name.startsWith("mandate-")) {
            throw new InvalidRequestException("name", "'" + name + "' is reserved for Mandate's built-in roles");
        }
    }

    private void requireUniqueName(String tenant, String name, String selfId) {
        boolean taken = em
                .createNamedQuery(Role.BY_NAME, Role.class)
                .setParameter("tenant", tenant)
                .setParameter("name", Role.normalizedName(name))
                .getResultList()
                .stream()
                .anyMatch(other -> !other.id().equals(selfId));
        if (taken) {
            throw new ConflictException("a role named '" + name + "' already exists");
        }
    }

    private void flush(String id) {
        Flushes.flush(
                em,
                () -> new StaleVersionException(KIND, id),
                () -> new ConflictException("a conflicting role or assignment was written at the same time"));
    }
}
