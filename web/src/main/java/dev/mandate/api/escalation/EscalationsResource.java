package dev.mandate.api.escalation;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.api.http.Cursor;
import dev.mandate.api.http.Paging;
import dev.mandate.api.http.QueryParams;
import dev.mandate.api.json.CanonicalJson;
import dev.mandate.api.security.AllowedRoles;
import dev.mandate.contextpack.boundary.ContextPacks;
import dev.mandate.decision.control.Verdict;
import dev.mandate.decision.entity.Decision;
import dev.mandate.escalation.boundary.Escalations;
import dev.mandate.escalation.control.EscalationStore.EscalationQuery;
import dev.mandate.escalation.entity.EscalationSource;
import dev.mandate.escalation.entity.EscalationStatus;
import dev.mandate.escalation.entity.EscalationView;
import dev.mandate.execution.boundary.ExecutionAnswers;
import dev.mandate.execution.control.ExecutionJson;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.json.JsonStrings;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/escalations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Escalations", description = "The queue of what needs a person: claim, release, resolve")
public class EscalationsResource {

    @Inject
    Escalations escalations;

    @Inject
    ContextPacks contextPacks;

    @Inject
    ExecutionAnswers executions;

    @Inject
    Caller caller;

    @GET
    @AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR, BuiltInRole.APPROVER})
    @Operation(summary = "The queue, in due order, filtered, with a stable cursor")
    public JsonObject list(
            @QueryParam("status") String status,
            @QueryParam("breached") String breached,
            @QueryParam("riskClass") String riskClass,
            @QueryParam("agentId") String agentId,
            @QueryParam("taskType") String taskType,
            @QueryParam("assignee") String assignee,
            @QueryParam("source") String source,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        int size = Paging.limit(limit);
        Cursor after = Cursor.decode("cursor", cursor);
        Boolean late = null;
        if (breached != null && !breached.isBlank()) {
            if (!breached.equals("true") && !breached.equals("false")) {
                throw new InvalidRequestException("breached", "must be true or false");
            }
            late = Boolean.valueOf(breached);
        }
        List<EscalationView> page = escalations.page(new EscalationQuery(
                caller.tenant(),
                QueryParams.enumValue("status", status, EscalationStatus.class),
                late,
                QueryParams.text("riskClass", riskClass, 32, null),
                QueryParams.text("agentId", agentId, 36, null),
                QueryParams.text("taskType", taskType, 100, null),
                "me".equals(assignee) ? caller.subject() : QueryParams.text("assignee", assignee, 256, null),
                QueryParams.enumValue("source", source, EscalationSource.class),
                after == null ? null : after.at(),
                after == null ? null : after.id(),
                size + 1));
        JsonArrayBuilder items = JSON.createArrayBuilder();
        page.stream().limit(size).forEach(e -> items.add(EscalationJson.of(e)));
        JsonObjectBuilder json = JSON.createObjectBuilder().add("items", items).add("limit", size);
        if (page.size() > size) {
            EscalationView last = page.get(size - 1);
            json.add("nextCursor", new Cursor(last.dueAt().toInstant(), last.id()).encode());
        }
        return json.build();
    }

    @GET
    @Path("{id}")
    @AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR, BuiltInRole.APPROVER})
    @Operation(summary = "An item with its context pack and suggested action")
    public JsonObject get(@PathParam("id") String id) {
        EscalationView item = escalations.get(caller, id);
        JsonObjectBuilder json = EscalationJson.builder(item)
                .add("context", contextPacks.of(caller, item.envelopeId()).json());
        executions
                .of(caller.tenant(), item.envelopeId())
                .ifPresent(e -> json.add("execution", ExecutionJson.summary(e)));
        return json.build();
    }

    @POST
    @Path("{id}/claim")
    @AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.APPROVER})
    @Operation(summary = "Take the item: one holder at a time")
    public JsonObject claim(@PathParam("id") String id) {
        return EscalationJson.of(escalations.claim(caller, id));
    }

    @POST
    @Path("{id}/release")
    @AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.APPROVER})
    @Operation(summary = "Give the item back to the queue")
    public JsonObject release(@PathParam("id") String id, @Valid CommentRequest request) {
        return EscalationJson.of(escalations.release(caller, id, request == null ? null : request.reason));
    }

    @POST
    @Path("{id}/check")
    @AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.APPROVER})
    @Operation(
            summary = "What the decision path would decide for the item's action with these arguments; nothing is"
                    + " written (a read)")
    public JsonObject check(@PathParam("id") String id, @Valid CheckRequest request) {
        Verdict verdict = escalations.check(
                caller, id, request == null || request.arguments == null ? null : canonical(request.arguments));
        return JSON.createObjectBuilder()
                .add("decision", verdict.decision().name())
                .add("reasons", JSON.createArrayBuilder(verdict.reasons()))
                .add("ruleIds", JSON.createArrayBuilder(verdict.ruleIds()))
                .add(
                        "wouldResolve",
                        verdict.decision() == Decision.ALLOW || verdict.decision() == Decision.REQUIRE_APPROVAL)
                .build();
    }

    @POST
    @Path("{id}/resolve")
    @AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.APPROVER})
    @Operation(summary = "Execute as suggested, execute with edited arguments, reject, or return to the agent")
    public JsonObject resolve(@PathParam("id") String id, @Valid ResolveRequest request) {
        if (request == null) {
            throw new InvalidRequestException("body", "a resolution is required");
        }
        JsonObject arguments = request.arguments == null ? null : canonical(request.arguments);
        Escalations.Resolved resolved = escalations.resolve(caller, id, request.resolution, request.reason, arguments);
        JsonObjectBuilder json = EscalationJson.builder(resolved.item());
        if (resolved.queued() != null) {
            executions.run(resolved.queued()).ifPresent(e -> json.add("execution", ExecutionJson.summary(e)));
        }
        if (resolved.newEnvelope() != null) {
            json.add("newEnvelope", JsonStrings.object(resolved.newEnvelope().body()));
        }
        return json.build();
    }

    private static JsonObject canonical(JsonObject arguments) {
        int maxDepth = ConfigKey.ENVELOPE_MAX_ARGUMENT_DEPTH.get(Integer.class);
        if (CanonicalJson.depth(arguments) > maxDepth) {
            throw new InvalidRequestException("arguments", "must not be nested deeper than " + maxDepth);
        }
        return (JsonObject) CanonicalJson.sorted(arguments);
    }
}
