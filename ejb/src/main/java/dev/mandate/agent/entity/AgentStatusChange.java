package dev.mandate.agent.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** One transition of an agent's status: who, when, why. Written only by Mandate, never edited. */
@Entity
@Table(name = "agent_status_change")
@NamedQuery(
        name = AgentStatusChange.FOR_AGENT,
        query = "select c from AgentStatusChange c where c.tenantId = :tenant and c.agentId = :agent"
                + " order by c.changedAt, c.id")
public class AgentStatusChange {
    public static final String FOR_AGENT = "AgentStatusChange.forAgent";

    @Id
    private String id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;

    @Column(name = "agent_id", nullable = false, updatable = false)
    private String agentId;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status", updatable = false)
    private AgentStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", nullable = false, updatable = false)
    private AgentStatus toStatus;

    @Column(nullable = false, updatable = false)
    private String reason;

    @Column(name = "changed_by", nullable = false, updatable = false)
    private String changedBy;

    @Column(name = "changed_at", nullable = false, updatable = false)
    private OffsetDateTime changedAt;

    protected AgentStatusChange() {}

    AgentStatusChange(Agent agent, AgentStatus from, AgentStatus to, String reason, String actor) {
        this.id = UUID.randomUUID().toString();
        this.tenantId = agent.tenantId();
        this.agentId = agent.id();
        this.fromStatus = from;
        this.toStatus = to;
        this.reason = reason;
        this.changedBy = actor;
        this.changedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public static AgentStatusChange created(Agent agent, String actor) {
        return new AgentStatusChange(agent, null, agent.status(), "created", actor);
    }

    public AgentStatus fromStatus() {
        return fromStatus;
    }

    public AgentStatus toStatus() {
        return toStatus;
    }

    public String reason() {
        return reason;
    }

    public String changedBy() {
        return changedBy;
    }

    public OffsetDateTime changedAt() {
        return changedAt;
    }
}
