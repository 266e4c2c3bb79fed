package dev.mandate.decision.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A tool call an agent asked for and the decision it got. Written once, never changed. */
@Entity
@Table(name = "envelope")
public class Envelope {

    @Id
    private String id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;

    @Column(name = "agent_id", nullable = false, updatable = false)
    private String agentId;

    @Column(name = "task_id", nullable = false, updatable = false)
    private String taskId;

    @Column(name = "task_type", nullable = false, updatable = false)
    private String taskType;

    @Column(name = "tool_key", nullable = false, updatable = false)
    private String tool;

    @Column(name = "action_key", nullable = false, updatable = false)
    private String action;

    @Column(name = "trace_id", nullable = false, updatable = false)
    private String traceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Decision decision;

    @Column(nullable = false, updatable = false)
    private String reasons;

    @Column(name = "rule_ids", nullable = false, updatable = false)
    private String ruleIds;

    @Column(name = "policy_version", nullable = false, updatable = false)
    private String policyVersion;

    @Column(nullable = false, updatable = false)
    private String tier;

    @Column(name = "risk_class", nullable = false, updatable = false)
    private String riskClass;

    @Column(nullable = false, updatable = false)
    private BigDecimal cost;

    @Column(name = "request_json", nullable = false, updatable = false)
    private String requestJson;

    @Column(name = "explain_json", nullable = false, updatable = false)
    private String explainJson;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected Envelope() {}

    public Envelope(EnvelopeRecord r) {
        this.id = r.id();
        this.tenantId = r.tenant();
        this.agentId = r.agentId();
        this.taskId = r.taskId();
        this.taskType = r.taskType();
        this.tool = r.tool();
        this.action = r.action();
        this.traceId = r.traceId();
        this.decision = r.decision();
        this.reasons = r.reasonsJson();
        this.ruleIds = r.ruleIdsJson();
        this.policyVersion = r.policyVersion();
        this.tier = r.tier();
        this.riskClass = r.riskClass();
        this.cost = r.cost();
        this.requestJson = r.requestJson();
        this.explainJson = r.explainJson();
        this.createdAt = r.createdAt();
    }

    public EnvelopeRecord record() {
        return new EnvelopeRecord(
                id,
                tenantId,
                agentId,
                taskId,
                taskType,
                tool,
                action,
                traceId,
                decision,
                reasons,
                ruleIds,
                policyVersion,
                tier,
                riskClass,
                cost,
                requestJson,
                explainJson,
                createdAt);
    }

    public String tenantId() {
        return tenantId;
    }

    public String agentId() {
        return agentId;
    }
}
