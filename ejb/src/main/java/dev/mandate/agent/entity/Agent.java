package dev.mandate.agent.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** A software agent's identity: who sponsors it, what it may do by default, whether it may act at all. */
@Entity
@Table(name = "agent")
@NamedQuery(name = Agent.BY_NAME, query = "select a from Agent a where a.tenantId = :tenant and a.activeName = :name")
@NamedQuery(
        name = Agent.BY_EXTERNAL_ID,
        query = "select a from Agent a where a.tenantId = :tenant and a.activeExternalId = :externalId")
public class Agent {
    /** The agent that is not deprovisioned and holds a (normalized) name. */
    public static final String BY_NAME = "Agent.byName";
    /** The agent that is not deprovisioned and holds an external id. */
    public static final String BY_EXTERNAL_ID = "Agent.byExternalId";

    @Id
    private String id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;

    @Column(nullable = false)
    private String name;

    /** Maintained copy of {@code lower(name)}: names are unique per tenant regardless of case. */
    @Column(name = "name_lower", nullable = false)
    private String nameLower;

    /**
     * {@link #nameLower} while the agent is not deprovisioned, NULL afterwards: the unique index on it
     * keeps names unique among living agents and lets a deprovisioned agent's name be taken again.
     */
    @Column(name = "active_name")
    private String activeName;

    @Column(name = "display_name")
    private String displayName;

    @Column(name = "email")
    private String email;

    @Column(name = "email_lower")
    private String emailLower;

    /** What an identity provider sent beyond Mandate's own attributes (JSON), kept and given back. */
    @Column(name = "directory_attributes", length = 8000)
    private String directoryAttributes;

    private String description;

    /** The human who answers for the agent; none: the agent exists but every envelope is denied. */
    private String sponsor;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AgentStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "default_tier", nullable = false)
    private AuthorityTier defaultTier;

    @Column(name = "external_id")
    private String externalId;

    /** {@link #externalId} while the agent is not deprovisioned, NULL afterwards (like activeName). */
    @Column(name = "active_external_id")
    private String activeExternalId;

    /** Who made the current suspension; NULL unless SUSPENDED. */
    @Enumerated(EnumType.STRING)
    @Column(name = "suspended_by")
    private ChangeSource suspendedBy;

    private String workflow;

    /** decisions are made and audited, nothing executes */
    @Column(name = "shadow_mode", nullable = false)
    private boolean shadowMode;

    @Version
    private long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    protected Agent() {}

    public Agent(String tenantId, AgentProfile profile, String actor) {
        this(UUID.randomUUID().toString(), tenantId, profile, actor);
    }

    /** For identities whose id is fixed in advance (demo data, migrations of existing agents). */
    public Agent(String id, String tenantId, AgentProfile profile, String actor) {
        this.id = id;
        this.tenantId = tenantId;
        this.status = AgentStatus.ACTIVE;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.createdBy = actor;
        apply(profile, actor);
    }

    public void apply(AgentProfile profile, String actor) {
        this.name = profile.name();
        this.nameLower = normalizedName(profile.name());
        this.description = profile.description();
        this.sponsor = profile.sponsor();
        this.defaultTier = profile.defaultTier();
        this.externalId = profile.externalId();
        this.workflow = profile.workflow();
        holdNames();
        touch(actor);
    }

    /** Sets the sponsor alone (the rest of the profile stays). */
    public void setSponsor(String sponsor, String actor) {
        this.sponsor = sponsor;
        touch(actor);
    }

    public boolean hasSponsor() {
        return sponsor != null && !sponsor.isBlank();
    }

    private void holdNames() {
        boolean living = status != AgentStatus.DEPROVISIONED;
        this.activeName = living ? nameLower : null;
        this.activeExternalId = living ? externalId : null;
    }

    public void apply(DirectoryAttributes attributes, String actor) {
        this.displayName = attributes.displayName();
        this.email = attributes.email();
        this.emailLower = attributes.email() == null ? null : normalizedName(attributes.email());
        this.directoryAttributes = attributes.json();
        touch(actor);
    }

    /** The case-insensitive form names are compared and kept unique in. */
    public static String normalizedName(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }

    public DirectoryAttributes directoryAttributes() {
        return new DirectoryAttributes(displayName, email, directoryAttributes);
    }

    public AgentStatusChange changeStatus(AgentStatus to, String reason, String actor) {
        return changeStatus(to, reason, actor, ChangeSource.API);
    }

    /** Moves to {@code to}; a suspension remembers its {@code source}, deprovisioning releases the names. */
    public AgentStatusChange changeStatus(AgentStatus to, String reason, String actor, ChangeSource source) {
        AgentStatusChange change = new AgentStatusChange(this, status, to, reason, actor);
        this.status = to;
        this.suspendedBy = to == AgentStatus.SUSPENDED ? source : null;
        holdNames();
        touch(actor);
        return change;
    }

    /** Who made the current suspension (empty unless SUSPENDED). */
    public Optional<ChangeSource> suspendedBy() {
        return Optional.ofNullable(suspendedBy);
    }

    private void touch(String actor) {
        this.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.updatedBy = actor;
    }

    public void setShadowMode(boolean shadowMode, String actor) {
        this.shadowMode = shadowMode;
        touch(actor);
    }

    public boolean shadowMode() {
        return shadowMode;
    }

    public boolean isActive() {
        return status == AgentStatus.ACTIVE;
    }

    public AgentProfile profile() {
        return new AgentProfile(name, description, sponsor, defaultTier, externalId, workflow);
    }

    public String id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String sponsor() {
        return sponsor;
    }

    public AuthorityTier defaultTier() {
        return defaultTier;
    }

    public String externalId() {
        return externalId;
    }

    public String workflow() {
        return workflow;
    }

    public AgentStatus status() {
        return status;
    }

    public long version() {
        return version;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }
}
