package dev.mandate.taxonomy.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** One kind of task in a workflow: what it is, what success means, which tools it may use, when to refuse. */
@Entity
@Table(name = "task_type")
@NamedQuery(name = TaskType.BY_KEY, query = "select t from TaskType t where t.tenantId = :tenant and t.key = :key")
@NamedQuery(name = TaskType.ALL, query = "select t from TaskType t where t.tenantId = :tenant order by t.key")
@NamedQuery(
        name = TaskType.OF_WORKFLOW,
        query = "select t from TaskType t where t.tenantId = :tenant and t.workflowId = :workflow order by t.key")
public class TaskType {
    public static final String BY_KEY = "TaskType.byKey";
    public static final String ALL = "TaskType.all";
    public static final String OF_WORKFLOW = "TaskType.ofWorkflow";

    @Id
    private String id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;

    @Column(name = "workflow_id", nullable = false)
    private String workflowId;

    @Column(name = "type_key", nullable = false, updatable = false)
    private String key;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String definition;

    @Column(name = "success_criteria", nullable = false)
    private String successCriteria;

    @Enumerated(EnumType.STRING)
    @Column(name = "risk_level", nullable = false)
    private RiskLevel riskLevel;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "task_type_tool", joinColumns = @JoinColumn(name = "task_type_id"))
    private Set<AllowedTool> allowedTools = new HashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "task_type_refusal", joinColumns = @JoinColumn(name = "task_type_id"))
    @OrderColumn(name = "position")
    private List<RefusalCondition> refusalConditions = new ArrayList<>();

    @Column(name = "target_success_rate")
    private BigDecimal targetSuccessRate;

    @Column(name = "target_escalation_rate")
    private BigDecimal targetEscalationRate;

    @Column(name = "target_p95_ms")
    private Long targetP95Millis;

    @Column(name = "target_cost_per_task")
    private BigDecimal targetCostPerTask;

    @Column(name = "max_model_calls")
    private Integer maxModelCalls;

    @Column(name = "max_tool_calls")
    private Integer maxToolCalls;

    @Column(name = "max_cost_per_task")
    private BigDecimal maxCostPerTask;

    @Column(name = "shadow_mode", nullable = false)
    private boolean shadowMode;

    @Column(name = "min_confidence")
    private BigDecimal minConfidence;

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

    protected TaskType() {}

    public TaskType(String tenantId, Workflow workflow, TaskTypeDefinition definition, String actor) {
        this.id = UUID.randomUUID().toString();
        this.tenantId = tenantId;
        this.key = definition.key();
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.createdBy = actor;
        apply(workflow, definition, actor);
    }

    public void apply(Workflow workflow, TaskTypeDefinition d, String actor) {
        this.workflowId = workflow.id();
        this.name = d.name();
        this.definition = d.definition();
        this.successCriteria = d.successCriteria();
        this.riskLevel = d.riskLevel();
        this.allowedTools.clear();
        this.allowedTools.addAll(d.allowedTools());
        this.refusalConditions.clear();
        this.refusalConditions.addAll(d.refusalConditions());
        TaskTypeDefinition.Targets t = d.targets();
        this.targetSuccessRate = t == null ? null : t.successRate();
        this.targetEscalationRate = t == null ? null : t.escalationRate();
        this.targetP95Millis = t == null ? null : t.p95Millis();
        this.targetCostPerTask = t == null ? null : t.costPerTask();
        TaskTypeDefinition.Limits l = d.limits();
        this.maxModelCalls = l == null ? null : l.maxModelCalls();
        this.maxToolCalls = l == null ? null : l.maxToolCalls();
        this.maxCostPerTask = l == null ? null : l.maxCostPerTask();
        this.shadowMode = d.shadowMode();
        this.minConfidence = d.minConfidence();
        this.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.updatedBy = actor;
    }

    public TaskTypeDefinition definition(String workflowKeyOfThis) {
        return new TaskTypeDefinition(
                key,
                workflowKeyOfThis,
                name,
                definition,
                successCriteria,
                riskLevel,
                Set.copyOf(allowedTools),
                List.copyOf(refusalConditions),
                new TaskTypeDefinition.Targets(
                        targetSuccessRate, targetEscalationRate, targetP95Millis, targetCostPerTask),
                limits(),
                shadowMode,
                minConfidence);
    }

    public TaskTypeDefinition.Limits limits() {
        return new TaskTypeDefinition.Limits(maxModelCalls, maxToolCalls, maxCostPerTask);
    }

    public boolean allows(String tool, String action) {
        return allowedTools.stream().anyMatch(allowed -> allowed.allows(tool, action));
    }

    public String id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public String workflowId() {
        return workflowId;
    }

    public String key() {
        return key;
    }

    public RiskLevel riskLevel() {
        return riskLevel;
    }

    public List<RefusalCondition> refusalConditions() {
        return List.copyOf(refusalConditions);
    }

    public Set<AllowedTool> allowedTools() {
        return Set.copyOf(allowedTools);
    }

    public boolean shadowMode() {
        return shadowMode;
    }

    public long version() {
        return version;
    }
}
