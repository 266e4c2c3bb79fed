package dev.mandate.api.taxonomy;

import dev.mandate.api.json.RequestBody;
import dev.mandate.taxonomy.entity.AllowedTool;
import dev.mandate.taxonomy.entity.RefusalCondition;
import dev.mandate.taxonomy.entity.RefusalOperator;
import dev.mandate.taxonomy.entity.RiskLevel;
import dev.mandate.taxonomy.entity.TaskTypeDefinition;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

public class TaskTypeRequest implements RequestBody {

    @NotBlank(message = "is required")
    @Pattern(regexp = "[a-z0-9][a-z0-9_.-]{0,99}", message = "must be a key (lowercase, digits, _ . -)")
    public String key;

    @NotBlank(message = "is required (a workflow key)")
    public String workflow;

    @NotBlank(message = "is required")
    @Size(max = 200, message = "must be at most 200 characters")
    public String name;

    @NotBlank(message = "is required")
    @Size(max = 4000, message = "must be at most 4000 characters")
    public String definition;

    @NotBlank(message = "is required")
    @Size(max = 4000, message = "must be at most 4000 characters")
    public String successCriteria;

    @NotNull(message = "is required")
    public RiskLevel riskLevel;

    @NotNull(message = "is required (may be empty)")
    @Size(max = 200, message = "must list at most 200 tools")
    public List<@Valid @NotNull(message = "must not be null") Allowed> allowedTools;

    @Size(max = 50, message = "must list at most 50 conditions")
    public List<@Valid @NotNull(message = "must not be null") Refusal> refusalConditions;

    @Valid
    public Targets targets;

    @Valid
    public Limits limits;

    public Boolean shadowMode;

    /** Below this confidence (0 to 1, as the agent reports it), an action goes to the escalation queue. */
    @DecimalMin(value = "0", message = "must be between 0 and 1")
    @DecimalMax(value = "1", message = "must be between 0 and 1")
    public BigDecimal minConfidence;

    public static class Allowed {
        @NotBlank(message = "is required")
        public String tool;

        @NotBlank(message = "is required (or *)")
        public String action;
    }

    public static class Refusal {
        @NotBlank(message = "is required, e.g. requestedAction.arguments.amount")
        @Size(max = 200, message = "must be at most 200 characters")
        public String fieldPath;

        @NotNull(message = "is required")
        public RefusalOperator operator;

        @Size(max = 500, message = "must be at most 500 characters")
        public String operand;

        @NotBlank(message = "is required")
        @Size(max = 500, message = "must be at most 500 characters")
        public String reason;
    }

    public static class Targets {
        @DecimalMin(value = "0", message = "must be between 0 and 1")
        @DecimalMax(value = "1", message = "must be between 0 and 1")
        public BigDecimal successRate;

        @DecimalMin(value = "0", message = "must be between 0 and 1")
        @DecimalMax(value = "1", message = "must be between 0 and 1")
        public BigDecimal escalationRate;

        @Min(value = 1, message = "must be positive")
        public Long p95Millis;

        @DecimalMin(value = "0", message = "must be 0 or more")
        @DecimalMax(value = "99999999.9999", message = "must be at most 99999999.9999")
        public BigDecimal costPerTask;
    }

    public static class Limits {
        @Min(value = 0, message = "must be 0 or more")
        public Integer maxModelCalls;

        @Min(value = 0, message = "must be 0 or more")
        public Integer maxToolCalls;

        @DecimalMin(value = "0", message = "must be 0 or more")
        @DecimalMax(value = "99999999.9999", message = "must be at most 99999999.9999")
        public BigDecimal maxCostPerTask;
    }

    TaskTypeDefinition toDefinition() {
        List<RefusalCondition> refusals = refusalConditions == null
                ? List.of()
                : refusalConditions.stream()
                        .map(r -> new RefusalCondition(r.fieldPath, r.operator, r.operand, r.reason))
                        .toList();
        return new TaskTypeDefinition(
                key,
                workflow,
                name,
                definition,
                successCriteria,
                riskLevel,
                allowedTools.stream()
                        .map(a -> new AllowedTool(a.tool, a.action))
                        .collect(Collectors.toSet()),
                refusals,
                targets == null
                        ? null
                        : new TaskTypeDefinition.Targets(
                                targets.successRate, targets.escalationRate, targets.p95Millis, targets.costPerTask),
                limits == null
                        ? null
                        : new TaskTypeDefinition.Limits(
                                limits.maxModelCalls, limits.maxToolCalls, limits.maxCostPerTask),
                Boolean.TRUE.equals(shadowMode),
                minConfidence);
    }
}
