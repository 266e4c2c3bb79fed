package dev.mandate.taxonomy.boundary;

import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.catalog.boundary.Tools;
import dev.mandate.catalog.entity.Tool;
import dev.mandate.configuration.control.ConfigurationChanges;
import dev.mandate.platform.error.ConflictException;
import dev.mandate.platform.error.Flushes;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.error.StaleVersionException;
import dev.mandate.platform.json.NumberRange;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.security.Versions;
import dev.mandate.taxonomy.entity.AllowedTool;
import dev.mandate.taxonomy.entity.RefusalOperator;
import dev.mandate.taxonomy.entity.TaskType;
import dev.mandate.taxonomy.entity.TaskTypeDefinition;
import dev.mandate.taxonomy.entity.Workflow;
import dev.mandate.tenant.boundary.Tenants;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Workflows and their task types: the task taxonomy envelopes are checked against. */
@Stateless
public class Taxonomy {

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @EJB
    Tenants tenants;

    @EJB
    Tools tools;

    @Inject
    ConfigurationChanges changes;

    public Workflow createWorkflow(Caller caller, String key, String name, String description) {
        tenants.ensureRegistered(caller.tenant(), caller.tenant());
        if (findWorkflow(caller.tenant(), key).isPresent()) {
            throw new ConflictException("a workflow with key '" + key + "' already exists");
        }
        Workflow workflow = new Workflow(caller.tenant(), key, name, description, caller.subject());
        em.persist(workflow);
        flush("workflow", key);
        changes.record(AuditEntry.adminChange(caller, "workflow.created", null, Map.of("workflow", key)));
        return workflow;
    }

    public List<Workflow> workflows(Caller caller) {
        return em.createNamedQuery(Workflow.ALL, Workflow.class)
                .setParameter("tenant", caller.tenant())
                .getResultList();
    }

    public Workflow workflow(Caller caller, String key) {
        return findWorkflow(caller.tenant(), key).orElseThrow(() -> new ResourceNotFoundException("workflow", key));
    }

    public Optional<Workflow> findWorkflow(String tenant, String key) {
        return em.createNamedQuery(Workflow.BY_KEY, Workflow.class)
                .setParameter("tenant", tenant)
                .setParameter("key", key)
                .getResultStream()
                .findFirst();
    }

    public String workflowKeyOf(TaskType taskType) {
        return em.find(Workflow.class, taskType.workflowId()).key();
    }

    public TaskType createTaskType(Caller caller, TaskTypeDefinition definition) {
        Workflow workflow = referencedWorkflow(caller, definition);
        requireKnownTools(caller, definition);
        if (findTaskType(caller.tenant(), definition.key()).isPresent()) {
            throw new ConflictException("a task type with key '" + definition.key() + "' already exists");
        }
        TaskType taskType = new TaskType(caller.tenant(), workflow, definition, caller.subject());
        em.persist(taskType);
        flush("task type", definition.key());
        changes.record(
                AuditEntry.adminChange(caller, "task-type.created", null, Map.of("taskType", definition.toString())));
        return taskType;
    }

    public TaskType replaceTaskType(Caller caller, String key, Long expectedVersion, TaskTypeDefinition definition) {
        TaskType taskType = taskType(caller, key);
        Versions.require("task type", key, expectedVersion, taskType.version());
        if (!definition.key().equals(key)) {
            throw new ConflictException("a task type's key cannot change (was '" + key + "')");
        }
        Workflow workflow = referencedWorkflow(caller, definition);
        requireKnownTools(caller, definition);
        String before = taskType.definition(workflowKeyOf(taskType)).toString();
        taskType.apply(workflow, definition, caller.subject());
        flush("task type", key);
        changes.record(AuditEntry.adminChange(
                caller, "task-type.updated", null, Map.of("before", before, "after", definition.toString())));
        return taskType;
    }

    public TaskType taskType(Caller caller, String key) {
        return findTaskType(caller.tenant(), key).orElseThrow(() -> new ResourceNotFoundException("task type", key));
    }

    public Optional<TaskType> findTaskType(String tenant, String key) {
        return em.createNamedQuery(TaskType.BY_KEY, TaskType.class)
                .setParameter("tenant", tenant)
                .setParameter("key", key)
                .getResultStream()
                .findFirst();
    }

    public List<TaskType> taskTypes(Caller caller) {
        return em.createNamedQuery(TaskType.ALL, TaskType.class)
                .setParameter("tenant", caller.tenant())
                .getResultList();
    }

    public List<TaskType> taskTypesOf(String tenant, Workflow workflow) {
        return em.createNamedQuery(TaskType.OF_WORKFLOW, TaskType.class)
                .setParameter("tenant", tenant)
                .setParameter("workflow", workflow.id())
                .getResultList();
    }

    private Workflow referencedWorkflow(Caller caller, TaskTypeDefinition definition) {
        return findWorkflow(caller.tenant(), definition.workflow())
                .orElseThrow(() -> new InvalidRequestException(
                        "workflow", "no workflow '" + definition.workflow() + "' in this tenant"));
    }

    private void requireKnownTools(Caller caller, TaskTypeDefinition definition) {
        for (AllowedTool allowed : definition.allowedTools()) {
            Optional<Tool> tool = tools.find(caller.tenant(), allowed.tool());
            boolean known = tool.isPresent()
                    && ("*".equals(allowed.action())
                            || tool.get().action(allowed.action()).isPresent());
            if (!known) {
                throw new InvalidRequestException(
                        "allowedTools",
                        "'" + allowed.tool() + ":" + allowed.action() + "' is not in the tool catalogue");
            }
        }
        definition.refusalConditions().forEach(condition -> {
            if (condition.operator() == RefusalOperator.MATCHES) {
                try {
                    Pattern.compile(condition.operand());
                } catch (PatternSyntaxException | NullPointerException e) {
                    throw new InvalidRequestException(
                            "refusalConditions", "operand of MATCHES must be a regular expression");
                }
            }
            if (condition.operator() == RefusalOperator.GREATER_THAN && !isNumber(condition.operand())) {
                throw new InvalidRequestException(
                        "refusalConditions", "operand of GREATER_THAN must be a number that " + NumberRange.RULE);
            }
        });
    }

    private static boolean isNumber(String operand) {
        try {
            return operand != null && NumberRange.contains(new BigDecimal(operand.strip()));
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    private void flush(String kind, String key) {
        Flushes.flush(
                em,
                () -> new StaleVersionException(kind, key),
                () -> new ConflictException("a conflicting " + kind + " was written at the same time"));
    }
}
