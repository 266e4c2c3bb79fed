package dev.mandate.outcome.boundary;

import dev.mandate.audit.boundary.AuditTrail;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.outcome.entity.OutcomeKind;
import dev.mandate.outcome.entity.TaskOutcome;
import dev.mandate.platform.error.AccessDeniedException;
import dev.mandate.platform.error.ConflictException;
import dev.mandate.platform.error.ConstraintViolations;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.sql.Sql;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Closing tasks: the agent that worked a task (or an administrator or reviewer, naming the agent) reports
 * how it ended, once. A task is known by its envelopes: one nobody sent an envelope for is not found. A
 * repeat of the same report answers what was recorded; a different one is a conflict.
 */
@Stateless
public class TaskOutcomes {

    private static final String COLUMNS =
            "agent_id, task_id, task_type, outcome, complete_seconds, review_seconds," + " recorded_by, recorded_at";

    @Inject
    Sql sql;

    @EJB
    AuditTrail audit;

    /** What was recorded, and whether this call recorded it (false: an identical earlier report). */
    public record Recorded(TaskOutcome outcome, boolean created) {}

    public Recorded record(
            Caller caller,
            String taskId,
            String agentId,
            OutcomeKind outcome,
            long completeSeconds,
            long reviewSeconds) {
        String agent = agentOf(caller, agentId);
        String taskType = sql.first(
                        "select min(task_type) from envelope where tenant_id = ? and agent_id = ? and task_id = ?",
                        row -> row.getString(1),
                        caller.tenant(),
                        agent,
                        taskId)
                .orElse(null);
        if (taskType == null) {
            throw new ResourceNotFoundException("task", taskId);
        }
        Optional<TaskOutcome> earlier = find(caller.tenant(), agent, taskId);
        if (earlier.isPresent()) {
            return repeat(earlier.get(), outcome, completeSeconds, reviewSeconds);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try {
            sql.update(
                    "insert into task_outcome (tenant_id, " + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    caller.tenant(),
                    agent,
                    taskId,
                    taskType,
                    outcome.name(),
                    completeSeconds,
                    reviewSeconds,
                    caller.subject(),
                    now);
        } catch (PersistenceException e) {
            if (ConstraintViolations.isIntegrityViolation(e)) {
                throw new ConflictException("the outcome of task " + taskId + " was reported at the same time; retry");
            }
            throw e;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("taskType", taskType);
        details.put("completeSeconds", Long.toString(completeSeconds));
        details.put("reviewSeconds", Long.toString(reviewSeconds));
        audit.append(new AuditEntry(
                caller.tenant(),
                caller.subject(),
                agent,
                taskId,
                null,
                "task.outcome",
                outcome.name(),
                List.of(),
                null,
                null,
                details));
        return new Recorded(
                new TaskOutcome(
                        agent, taskId, taskType, outcome, completeSeconds, reviewSeconds, caller.subject(), now),
                true);
    }

    /** The recorded outcome of the agent's task; the agent itself reads only its own. */
    public TaskOutcome get(Caller caller, String taskId, String agentId) {
        String agent = agentOf(caller, agentId);
        return find(caller.tenant(), agent, taskId)
                .orElseThrow(() -> new ResourceNotFoundException("task outcome", taskId));
    }

    private static Recorded repeat(TaskOutcome earlier, OutcomeKind outcome, long completeSeconds, long reviewSeconds) {
        if (!earlier.sameAs(outcome, completeSeconds, reviewSeconds)) {
            throw new ConflictException("task " + earlier.taskId() + " already ended " + earlier.outcome() + " ("
                    + earlier.completeSeconds() + " s, review " + earlier.reviewSeconds()
                    + " s); an outcome is reported once");
        }
        return new Recorded(earlier, false);
    }

    /** An agent speaks for itself; anyone else names the agent whose task it is. */
    private static String agentOf(Caller caller, String agentId) {
        if (caller.isAgent()) {
            if (agentId != null && !agentId.equals(caller.subject())) {
                throw new AccessDeniedException("an agent reports the outcomes of its own tasks only");
            }
            return caller.subject();
        }
        if (agentId == null || agentId.isBlank()) {
            throw new InvalidRequestException("agentId", "is required (the agent that worked the task)");
        }
        return agentId;
    }

    private Optional<TaskOutcome> find(String tenant, String agent, String taskId) {
        return sql.first(
                "select " + COLUMNS + " from task_outcome where tenant_id = ? and agent_id = ? and task_id = ?",
                row -> new TaskOutcome(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        OutcomeKind.valueOf(row.getString(4)),
                        row.getLong(5),
                        row.getLong(6),
                        row.getString(7),
                        row.getObject(8, OffsetDateTime.class)),
                tenant,
                agent,
                taskId);
    }
}
