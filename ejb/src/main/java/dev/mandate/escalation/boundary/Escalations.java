package dev.mandate.escalation.boundary;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.audit.control.AuditAppender;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.decision.boundary.EnvelopeGateway;
import dev.mandate.decision.boundary.Envelopes;
import dev.mandate.decision.control.EnvelopeTraces;
import dev.mandate.decision.control.Verdict;
import dev.mandate.decision.entity.Decision;
import dev.mandate.decision.entity.EnvelopeAnswer;
import dev.mandate.decision.entity.EnvelopeSubmission;
import dev.mandate.escalation.control.EscalationEvents;
import dev.mandate.escalation.control.EscalationStore;
import dev.mandate.escalation.control.EscalationStore.EscalationQuery;
import dev.mandate.escalation.entity.EscalationStatus;
import dev.mandate.escalation.entity.EscalationView;
import dev.mandate.escalation.entity.Resolution;
import dev.mandate.execution.control.ApprovedExecutions;
import dev.mandate.execution.control.KillSwitchCheck;
import dev.mandate.execution.entity.QueuedExecution;
import dev.mandate.labelling.control.LabelledExamples;
import dev.mandate.platform.error.ConflictException;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.error.Violation;
import dev.mandate.platform.json.JsonStrings;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.sql.Sql;
import dev.mandate.platform.tracing.SpanAttributes;
import dev.mandate.platform.tracing.Step;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The escalation queue: people claim an item (one holder at a time), release it, and resolve it: execute as
 * suggested, execute with edited arguments (decided again by the whole decision path; an edit that would
 * not pass is refused with its reasons and changes nothing), reject, or return it to the agent with
 * guidance. Every resolution is audited and kept as a labelled example.
 */
@Stateless
public class Escalations {

    @Inject
    EnvelopeTraces traces;

    @Inject
    EscalationStore store;

    @Inject
    ApprovedExecutions executions;

    @Inject
    KillSwitchCheck killSwitches;

    @Inject
    LabelledExamples examples;

    @Inject
    AuditAppender audit;

    @Inject
    EscalationEvents events;

    @Inject
    Sql sql;

    @EJB
    Envelopes envelopes;

    @Inject
    EnvelopeGateway gateway;

    /**
     * A resolution's outcome: the item, and what it started (an execution to start once committed, or a new
     * envelope's answer, with its execution as far as it got).
     */
    public record Resolved(EscalationView item, QueuedExecution queued, EnvelopeAnswer newEnvelope) {}

    public EscalationView get(Caller caller, String id) {
        return store.view(caller.tenant(), id).orElseThrow(() -> notFound(id));
    }

    public List<EscalationView> ofEnvelope(String tenant, String envelopeId) {
        return store.ofEnvelope(tenant, envelopeId);
    }

    public List<EscalationView> page(EscalationQuery query) {
        return store.page(query);
    }

    public EscalationView claim(Caller caller, String id) {
        EscalationView item = store.locked(caller.tenant(), id).orElseThrow(() -> notFound(id));
        try (Step step = traced("mandate.escalation.claim", item)) {
            try {
                return claim(caller, item);
            } catch (RuntimeException refused) {
                step.failed(refused.getClass().getSimpleName());
                throw refused;
            }
        }
    }

    private EscalationView claim(Caller caller, EscalationView item) {
        String id = item.id();
        if (item.status() == EscalationStatus.CLAIMED && caller.subject().equals(item.assignee())) {
            return item;
        }
        if (item.status() != EscalationStatus.OPEN) {
            throw new ConflictException(
                    item.status() == EscalationStatus.CLAIMED
                            ? "claimed by " + item.assignee() + " since " + item.claimedAt() + "; they release it first"
                            : "resolved already (" + item.resolution() + " by " + item.resolvedBy() + ")");
        }
        sql.update(
                "update escalation_item set status = 'CLAIMED', assignee = ?, claimed_at = ? where id = ?"
                        + " and status = 'OPEN'",
                caller.subject(),
                OffsetDateTime.now(ZoneOffset.UTC),
                id);
        audit.append(entry(caller, item, "escalation.claimed", "CLAIMED", details(item, null)));
        return store.view(caller.tenant(), id).orElseThrow();
    }

    /** The holder gives the item back; an administrator may take it from a holder who is away. */
    public EscalationView release(Caller caller, String id, String reason) {
        EscalationView item = store.locked(caller.tenant(), id).orElseThrow(() -> notFound(id));
        if (item.status() != EscalationStatus.CLAIMED) {
            throw new ConflictException("the item is " + item.status() + ", not claimed");
        }
        boolean admin = caller.hasGroup(BuiltInRole.ADMIN);
        if (!caller.subject().equals(item.assignee()) && !admin) {
            throw new ConflictException(
                    "claimed by " + item.assignee() + "; only they (or an administrator) release it");
        }
        sql.update("update escalation_item set status = 'OPEN', assignee = null, claimed_at = null where id = ?", id);
        audit.append(entry(caller, item, "escalation.released", "OPEN", details(item, reason)));
        return store.view(caller.tenant(), id).orElseThrow();
    }

    /**
     * @param editedArguments for {@link Resolution#EXECUTE_EDITED}: the new arguments, canonical (members sorted)
     */
    public Resolved resolve(
            Caller caller, String id, Resolution resolution, String reason, JsonObject editedArguments) {
        EscalationView item = store.locked(caller.tenant(), id).orElseThrow(() -> notFound(id));
        try (Step step = traced("mandate.escalation.resolve", item)) {
            try {
                Resolved resolved = resolve(caller, item, resolution, reason, editedArguments);
                step.set(SpanAttributes.OUTCOME, resolution.name());
                return resolved;
            } catch (RuntimeException refused) {
                step.failed(refused.getClass().getSimpleName());
                throw refused;
            }
        }
    }

    private Resolved resolve(
            Caller caller, EscalationView item, Resolution resolution, String reason, JsonObject editedArguments) {
        String id = item.id();
        if (item.status() == EscalationStatus.RESOLVED) {
            throw new ConflictException("resolved already (" + item.resolution() + " by " + item.resolvedBy() + ")");
        }
        if (item.status() != EscalationStatus.CLAIMED || !caller.subject().equals(item.assignee())) {
            throw new ConflictException(
                    item.status() == EscalationStatus.OPEN
                            ? "claim the item before resolving it"
                            : "claimed by " + item.assignee() + "; only they resolve it");
        }
        if (resolution == Resolution.EXECUTE_EDITED && editedArguments == null) {
            throw new InvalidRequestException("arguments", "are required to execute with edited arguments");
        }
        if (resolution != Resolution.EXECUTE_EDITED && editedArguments != null) {
            throw new InvalidRequestException("arguments", "are only taken with EXECUTE_EDITED");
        }
        if (resolution == Resolution.RETURN_TO_AGENT && (reason == null || reason.isBlank())) {
            throw new InvalidRequestException("reason", "is the guidance for the agent: required to return an item");
        }
        QueuedExecution queued = null;
        EnvelopeAnswer newEnvelope = null;
        if (resolution == Resolution.EXECUTE && !executions.exists(item.tenant(), item.envelopeId())) {
            Optional<String> killSwitch = killSwitches.stopping(item.tenant(), item.agentId(), item.tool());
            if (killSwitch.isPresent()) {
                throw new ConflictException(
                        "KILL_SWITCH: " + killSwitch.get() + "; nothing executed, the item stays" + " claimed");
            }
            Sql.Writes writes = sql.writes();
            queued = executions
                    .queue(writes, item.tenant(), item.envelopeId())
                    .orElseThrow(() -> new ConflictException("the action " + item.tool() + ":" + item.action()
                            + " has no connector: nothing to execute"));
            writes.run();
        } else if (resolution == Resolution.EXECUTE || resolution == Resolution.EXECUTE_EDITED) {
            newEnvelope = decideAgain(item, editedArguments);
        }
        String edited = editedArguments == null ? null : editedArguments.toString();
        sql.update(
                "update escalation_item set status = 'RESOLVED', resolution = ?, resolution_reason = ?,"
                        + " edited_arguments = ?, result_envelope_id = ?, resolved_by = ?, resolved_at = ? where id = ?",
                resolution.name(),
                reason,
                edited,
                newEnvelope == null ? null : envelopeIdOf(newEnvelope),
                caller.subject(),
                OffsetDateTime.now(ZoneOffset.UTC),
                id);
        examples.record(new LabelledExamples.Judgement(
                item.tenant(),
                "ESCALATION",
                item.id(),
                item.envelopeId(),
                humanAction(resolution),
                reason,
                edited,
                caller.subject()));
        Map<String, String> details = details(item, reason);
        details.put("resolution", resolution.name());
        if (edited != null) {
            details.put("editedArguments", edited);
        }
        if (newEnvelope != null) {
            details.put("newEnvelopeId", envelopeIdOf(newEnvelope));
        }
        audit.append(entry(caller, item, "escalation.resolved", resolution.name(), details));
        EscalationView resolved = store.view(caller.tenant(), id).orElseThrow();
        Sql.Writes writes = sql.writes();
        events.resolved(writes, resolved);
        writes.run();
        return new Resolved(resolved, queued, newEnvelope);
    }

    /**
     * Submits the envelope again as its agent, with the person's arguments (or its own, to send again what
     * failed): checked first without a trace, so an edit that would not be allowed or sent for approval is
     * refused with the decision path's reasons and nothing changes.
     */
    private EnvelopeAnswer decideAgain(EscalationView item, JsonObject editedArguments) {
        EnvelopeSubmission submission = submissionOf(item, editedArguments);
        Caller agent = agentOf(item);
        Verdict verdict = envelopes.check(agent, submission);
        if (verdict.decision() != Decision.ALLOW && verdict.decision() != Decision.REQUIRE_APPROVAL) {
            throw new InvalidRequestException(
                    ProblemType.UNPROCESSABLE,
                    "the edited action would be " + verdict.decision() + ": " + String.join(" | ", verdict.reasons()),
                    List.of(new Violation("arguments", String.join(" | ", verdict.reasons()))));
        }
        return gateway.submit(agent, submission);
    }

    /**
     * What the decision path would decide today for the item's action with these arguments (its own when
     * null), as resolving with them would decide it first: nothing is written, no budget is spent.
     */
    public Verdict check(Caller caller, String id, JsonObject editedArguments) {
        EscalationView item = get(caller, id);
        return envelopes.check(agentOf(item), submissionOf(item, editedArguments));
    }

    private static Caller agentOf(EscalationView item) {
        return new Caller(item.tenant(), item.agentId(), Set.of(BuiltInRole.AGENT));
    }

    private EnvelopeSubmission submissionOf(EscalationView item, JsonObject editedArguments) {
        JsonObject original = sql.first(
                        "select request_json from envelope where id = ? and tenant_id = ?",
                        r -> JsonStrings.object(r.getString(1)),
                        item.envelopeId(),
                        item.tenant())
                .orElseThrow(() -> notFound(item.id()));
        JsonObject requested = original.getJsonObject("requestedAction");
        JsonObject arguments = editedArguments == null ? requested.getJsonObject("arguments") : editedArguments;
        JsonObject envelope = JSON.createObjectBuilder(original)
                .add("requestedAction", JSON.createObjectBuilder(requested).add("arguments", arguments))
                .build();
        return new EnvelopeSubmission(
                item.agentId(),
                original.getString("taskId"),
                original.getString("taskType"),
                item.tool(),
                item.action(),
                arguments,
                envelope,
                0,
                BigDecimal.ZERO,
                traceId(item),
                // the same edit sent again is answered as before, not decided twice
                "escalation-" + item.id() + "-" + sha256(arguments.toString()),
                sha256(envelope.toString()));
    }

    /** A person's step, in its own request's trace, linked to the span that decided the envelope. */
    private Step traced(String name, EscalationView item) {
        return traces.followUp(name, item.tenant(), item.envelopeId()).set(SpanAttributes.ESCALATION_ID, item.id());
    }

    private String traceId(EscalationView item) {
        return sql.first("select trace_id from envelope where id = ?", r -> r.getString(1), item.envelopeId())
                .orElseThrow();
    }

    private static String envelopeIdOf(EnvelopeAnswer answer) {
        return JsonStrings.object(answer.body()).getString("envelopeId");
    }

    static String humanAction(Resolution resolution) {
        return switch (resolution) {
            case EXECUTE -> "EXECUTED";
            case EXECUTE_EDITED -> "EXECUTED_EDITED";
            case REJECT -> "REJECTED";
            case RETURN_TO_AGENT -> "RETURNED_TO_AGENT";
        };
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Map<String, String> details(EscalationView item, String reason) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("escalationId", item.id());
        details.put("envelopeId", item.envelopeId());
        details.put("source", item.source().name());
        if (reason != null) {
            details.put("reason", reason);
        }
        return details;
    }

    private static AuditEntry entry(
            Caller caller, EscalationView item, String action, String outcome, Map<String, String> details) {
        return new AuditEntry(
                caller.tenant(),
                caller.subject(),
                item.agentId(),
                null,
                null,
                action,
                outcome,
                List.of(),
                item.tool() + ":" + item.action(),
                null,
                details);
    }

    private static ResourceNotFoundException notFound(String id) {
        return new ResourceNotFoundException("escalation", id);
    }
}
