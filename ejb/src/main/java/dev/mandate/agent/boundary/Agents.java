package dev.mandate.agent.boundary;

import dev.mandate.agent.entity.Agent;
import dev.mandate.agent.entity.AgentProfile;
import dev.mandate.agent.entity.AgentStatus;
import dev.mandate.agent.entity.AgentStatusChange;
import dev.mandate.agent.entity.ChangeSource;
import dev.mandate.agent.entity.DirectoryAttributes;
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
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.security.Versions;
import dev.mandate.tenant.boundary.Tenants;
import dev.mandate.tenant.control.TenantSettings;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Agent identities of the caller's tenant: the transaction boundary for everything about agents. */
@Stateless
public class Agents {

    static final String KIND = "agent";

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @EJB
    Tenants tenants;

    @Inject
    ConfigurationChanges configurationChanges;

    @Inject
    Event<IdentityChanged> changes;

    @Inject
    TenantSettings settings;

    public Agent create(Caller caller, AgentProfile profile) {
        return create(caller, profile, DirectoryAttributes.NONE);
    }

    /** Registers an agent with what its identity provider keeps about it (SCIM). */
    public Agent create(Caller caller, AgentProfile profile, DirectoryAttributes attributes) {
        tenants.ensureRegistered(caller.tenant(), caller.tenant());
        profile = withDefaultSponsor(caller.tenant(), profile);
        requireUnique(caller.tenant(), profile, null);
        Agent agent = new Agent(caller.tenant(), profile, caller.subject());
        if (attributes != DirectoryAttributes.NONE) {
            agent.apply(attributes, caller.subject());
        }
        em.persist(agent);
        em.persist(AgentStatusChange.created(agent, caller.subject()));
        flushMappingConflicts(agent);
        audit(caller, agent, "agent.created", null, summary(agent), null);
        changed(caller, agent.id(), "create", null, summary(agent));
        return agent;
    }

    /** Creates an agent with a fixed id unless it already exists (demo data). */
    public Agent createWithId(Caller caller, String id, AgentProfile profile) {
        Agent existing = em.find(Agent.class, id);
        if (existing != null) {
            return existing;
        }
        tenants.ensureRegistered(caller.tenant(), caller.tenant());
        Agent agent = new Agent(id, caller.tenant(), profile, caller.subject());
        em.persist(agent);
        em.persist(AgentStatusChange.created(agent, caller.subject()));
        audit(caller, agent, "agent.created", null, summary(agent), null);
        return agent;
    }

    public Agent get(Caller caller, String id) {
        Agent agent = em.find(Agent.class, id);
        if (agent == null || !agent.tenantId().equals(caller.tenant()) || agentMayNotSee(caller, agent)) {
            throw new ResourceNotFoundException(KIND, id);
        }
        return agent;
    }

    public Page<Agent> list(Caller caller, AgentStatus status, PageRequest page) {
        String where = " where a.tenantId = :tenant" + (status == null ? "" : " and a.status = :status")
                + (caller.isAgent() ? " and a.id = :self" : "");
        TypedQuery<Agent> items =
                em.createQuery("select a from Agent a" + where + " order by a.name, a.id", Agent.class);
        TypedQuery<Long> count = em.createQuery("select count(a) from Agent a" + where, Long.class);
        for (TypedQuery<?> query : List.of(items, count)) {
            query.setParameter("tenant", caller.tenant());
            if (status != null) {
                query.setParameter("status", status);
            }
            if (caller.isAgent()) {
                query.setParameter("self", caller.subject());
            }
        }
        List<Agent> found =
                items.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList();
        return new Page<>(found, page.offset(), page.limit(), count.getSingleResult());
    }

    public Agent replace(Caller caller, String id, Long expectedVersion, AgentProfile profile) {
        return replace(caller, id, expectedVersion, profile, null);
    }

    /** Replaces the profile and, unless {@code attributes} is null, the directory attributes (SCIM). */
    public Agent replace(
            Caller caller, String id, Long expectedVersion, AgentProfile profile, DirectoryAttributes attributes) {
        Agent agent = get(caller, id);
        Versions.require(KIND, id, expectedVersion, agent.version());
        requireNotDeprovisioned(agent);
        requireUnique(caller.tenant(), profile, id);
        String before = summary(agent);
        agent.apply(profile, caller.subject());
        if (attributes != null) {
            agent.apply(attributes, caller.subject());
        }
        flushMappingConflicts(agent);
        audit(caller, agent, "agent.updated", before, summary(agent), null);
        changed(caller, id, "replace", before, summary(agent));
        return agent;
    }

    /**
     * Agents of the caller's tenant that are not deprovisioned, filtered by a translated SCIM filter.
     * Sort keys: userName, id, externalId, displayName, created, lastModified.
     */
    public Page<Agent> search(Caller caller, Search search) {
        String orderColumn = SORT_COLUMNS.get(search.sortBy() == null ? "userName" : search.sortBy());
        if (orderColumn == null) {
            throw new InvalidRequestException("sortBy", "cannot sort by '" + search.sortBy() + "'");
        }
        String where = " where a.tenantId = :tenant and a.status <> :gone and ("
                + (search.where().condition() == null
                        ? "a.id is not null"
                        : search.where().condition()) + ")";
        String direction = search.descending() ? " desc" : " asc";
        TypedQuery<Long> count = em.createQuery("select count(a) from Agent a" + where, Long.class);
        bind(count, caller, search);
        long total = count.getSingleResult();
        List<Agent> found = List.of();
        if (search.limit() > 0 && search.offset() < total) {
            TypedQuery<Agent> items = em.createQuery(
                    "select a from Agent a" + where + " order by " + orderColumn + direction + ", a.id" + direction,
                    Agent.class);
            bind(items, caller, search);
            found = items.setFirstResult(search.offset())
                    .setMaxResults(search.limit())
                    .getResultList();
        }
        return new Page<>(found, search.offset(), search.limit(), total);
    }

    /** The agents among {@code ids} that belong to the caller's tenant (any status). */
    public List<Agent> findAll(Caller caller, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select a from Agent a where a.tenantId = :tenant and a.id in :ids", Agent.class)
                .setParameter("tenant", caller.tenant())
                .setParameter("ids", ids)
                .getResultList();
    }

    private static final Map<String, String> SORT_COLUMNS = Map.of(
            "userName", "a.nameLower",
            "id", "a.id",
            "externalId", "a.externalId",
            "displayName", "a.displayName",
            "created", "a.createdAt",
            "lastModified", "a.updatedAt");

    private static void bind(TypedQuery<?> query, Caller caller, Search search) {
        query.setParameter("tenant", caller.tenant());
        query.setParameter("gone", AgentStatus.DEPROVISIONED);
        search.where().parameters().forEach(query::setParameter);
    }

    private void changed(Caller caller, String id, String action, String before, String after) {
        changes.fire(new IdentityChanged(caller.tenant(), caller.subject(), KIND, id, action, before, after));
    }

    /** Sets (or, with null, clears) the human who answers for the agent; the rest of its profile stays. */
    public Agent setSponsor(Caller caller, String id, Long expectedVersion, String sponsor) {
        Agent agent = get(caller, id);
        Versions.require(KIND, id, expectedVersion, agent.version());
        requireNotDeprovisioned(agent);
        if (Objects.equals(agent.sponsor(), sponsor)) {
            return agent;
        }
        String before = summary(agent);
        agent.setSponsor(sponsor, caller.subject());
        flushMappingConflicts(agent);
        audit(caller, agent, "agent.updated", before, summary(agent), null);
        changed(caller, id, "sponsor", before, summary(agent));
        return agent;
    }

    /** Suspends or reactivates, as an administrator (through the API). */
    public Agent changeStatus(Caller caller, String id, Long expectedVersion, AgentStatus to, String reason) {
        return changeStatus(caller, id, expectedVersion, to, reason, ChangeSource.API);
    }

    /**
     * Suspends or reactivates; a suspension remembers its {@code source}. Whether a source may lift a
     * suspension is its door's decision (SCIM lifts only its own).
     */
    public Agent changeStatus(
            Caller caller, String id, Long expectedVersion, AgentStatus to, String reason, ChangeSource source) {
        Agent agent = get(caller, id);
        Versions.require(KIND, id, expectedVersion, agent.version());
        requireNotDeprovisioned(agent);
        if (to == AgentStatus.DEPROVISIONED) {
            throw new ConflictException("deprovision an agent with DELETE /api/v1/agents/" + id);
        }
        if (agent.status() != to) {
            String before = summary(agent);
            em.persist(agent.changeStatus(to, reason, caller.subject(), source));
            flushMappingConflicts(agent);
            audit(caller, agent, "agent.status-changed", before, summary(agent), reason);
            changed(caller, id, "status:" + to + " (" + reason + ")", before, summary(agent));
        }
        return agent;
    }

    public Agent setShadowMode(Caller caller, String id, Long expectedVersion, boolean enabled) {
        Agent agent = get(caller, id);
        Versions.require(KIND, id, expectedVersion, agent.version());
        requireNotDeprovisioned(agent);
        agent.setShadowMode(enabled, caller.subject());
        flushMappingConflicts(agent);
        configurationChanges.record(AuditEntry.adminChange(
                caller, "agent.shadow-mode-changed", agent.id(), Map.of("after", String.valueOf(enabled))));
        return agent;
    }

    /** Ends an identity. The row, its status history and its audit stay; it can never act again. */
    public Agent deprovision(Caller caller, String id, Long expectedVersion, String reason) {
        Agent agent = get(caller, id);
        Versions.require(KIND, id, expectedVersion, agent.version());
        requireNotDeprovisioned(agent);
        String before = summary(agent);
        em.persist(agent.changeStatus(AgentStatus.DEPROVISIONED, reason, caller.subject()));
        flushMappingConflicts(agent);
        audit(caller, agent, "agent.deprovisioned", before, summary(agent), reason);
        changed(caller, id, "deprovision (" + reason + ")", before, summary(agent));
        return agent;
    }

    public List<AgentStatusChange> statusHistory(Caller caller, String id) {
        get(caller, id);
        return em.createNamedQuery(AgentStatusChange.FOR_AGENT, AgentStatusChange.class)
                .setParameter("tenant", caller.tenant())
                .setParameter("agent", id)
                .getResultList();
    }

    /** The change's audit record, in this transaction: it commits or rolls back with the change. */
    private void audit(Caller caller, Agent agent, String action, String before, String after, String reason) {
        Map<String, String> details = new LinkedHashMap<>();
        if (before != null) {
            details.put("before", before);
        }
        details.put("after", after);
        if (reason != null) {
            details.put("reason", reason);
        }
        configurationChanges.record(new AuditEntry(
                caller.tenant(),
                caller.subject(),
                agent.id(),
                null,
                null,
                action,
                "OK",
                List.of(),
                null,
                null,
                details));
    }

    /** A one-line summary of what an agent is, for the audit trail's before/after. */
    static String summary(Agent agent) {
        AgentProfile profile = agent.profile();
        DirectoryAttributes directory = agent.directoryAttributes();
        return "name=" + profile.name() + ", status=" + agent.status() + ", defaultTier=" + profile.defaultTier()
                + ", sponsor=" + profile.sponsor() + ", workflow=" + profile.workflow() + ", externalId="
                + profile.externalId() + ", description=" + profile.description() + ", displayName="
                + directory.displayName() + ", email=" + directory.email() + ", version=" + agent.version();
    }

    /** An agent registered without a sponsor gets the tenant's default sponsor, if it has one. */
    private AgentProfile withDefaultSponsor(String tenant, AgentProfile profile) {
        if (profile.sponsor() != null && !profile.sponsor().isBlank()) {
            return profile;
        }
        String sponsor = settings.defaultSponsor(tenant).orElse(null);
        return new AgentProfile(
                profile.name(),
                profile.description(),
                sponsor,
                profile.defaultTier(),
                profile.externalId(),
                profile.workflow());
    }

    private static boolean agentMayNotSee(Caller caller, Agent agent) {
        return caller.isAgent() && !agent.id().equals(caller.subject());
    }

    private static void requireNotDeprovisioned(Agent agent) {
        if (agent.status() == AgentStatus.DEPROVISIONED) {
            throw new ConflictException("agent '" + agent.id() + "' is deprovisioned and cannot change");
        }
    }

    private void requireUnique(String tenant, AgentProfile profile, String selfId) {
        List<Agent> sameName = em.createNamedQuery(Agent.BY_NAME, Agent.class)
                .setParameter("tenant", tenant)
                .setParameter("name", Agent.normalizedName(profile.name()))
                .getResultList();
        if (sameName.stream().anyMatch(other -> !other.id().equals(selfId))) {
            throw new ConflictException("an agent named '" + profile.name() + "' already exists");
        }
        if (profile.externalId() != null) {
            List<Agent> sameExternalId = em.createNamedQuery(Agent.BY_EXTERNAL_ID, Agent.class)
                    .setParameter("tenant", tenant)
                    .setParameter("externalId", profile.externalId())
                    .getResultList();
            if (sameExternalId.stream().anyMatch(other -> !other.id().equals(selfId))) {
                throw new ConflictException("an agent with externalId '" + profile.externalId() + "' already exists");
            }
        }
    }

    /** Writes now, inside the boundary, so races surface as 409/412 instead of a failed commit. */
    private void flushMappingConflicts(Agent agent) {
        Flushes.flush(
                em,
                () -> new StaleVersionException(KIND, agent.id()),
                () -> new ConflictException("an agent with this name or externalId already exists"));
    }
}
