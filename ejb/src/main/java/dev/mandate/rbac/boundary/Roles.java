package dev.mandate.rbac.boundary;

import dev.mandate.agent.boundary.Agents;
import dev.mandate.audit.boundary.AuditTrail;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.platform.error.ConflictException;
import dev.mandate.platform.error.ConstraintViolations;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.error.StaleVersionException;
import dev.mandate.platform.paging.Page;
import dev.mandate.platform.paging.PageRequest;
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
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    @EJB
    AuditTrail audit;

    public Role create(Caller caller, RoleDefinition definition) {
        requireNotBuiltIn(definition.name());
        tenants.ensureRegistered(caller.tenant(), caller.tenant());
        requireUniqueName(caller.tenant(), definition.name(), null);
        Role role = new Role(caller.tenant(), definition, caller.subject());
        em.persist(role);
        flush(role.id());
        audit(caller, "role.created", null, details(null, summary(role)));
        return role;
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

    /** Names of the tenant's approver roles whose permissions cover this tool action. */
    public List<String> approverRolesFor(String tenant, String tool, String action) {
        return em.createNamedQuery(Role.PAGE, Role.class).setParameter("tenant", tenant).getResultList().stream()
                .filter(Role::approver)
                .filter(role -> role.definition().permissions().stream().anyMatch(p -> p.covers(tool, action)))
                .map(Role::name)
                .toList();
    }

    /** The change's audit record, in this transaction: it commits or rolls back with the change. */
    private void audit(Caller caller, String action, String agentId, Map<String, String> details) {
        audit.append(new AuditEntry(
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

    private static String summary(Role role) {
        RoleDefinition definition = role.definition();
        String permissions = definition.permissions().stream()
                .map(permission -> permission.tool() + ":" + permission.action())
                .sorted()
                .collect(Collectors.joining(" "));
        return "id=" + role.id() + ", name=" + definition.name() + ", approver=" + definition.approver()
                + ", permissions=[" + permissions + "], description=" + definition.description();
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
                .setParameter("name", name)
                .getResultList()
                .stream()
                .anyMatch(other -> !other.id().equals(selfId));
        if (taken) {
            throw new ConflictException("a role named '" + name + "' already exists");
        }
    }

    private void flush(String id) {
        try {
            em.flush();
        } catch (OptimisticLockException raced) {
            throw new StaleVersionException(KIND, id);
        } catch (PersistenceException failure) {
            if (ConstraintViolations.isIntegrityViolation(failure)) {
                throw new ConflictException("a conflicting role or assignment was written at the same time");
            }
            throw failure;
        }
    }
}
