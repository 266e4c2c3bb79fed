package dev.mandate.api.approval;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.api.http.Cursor;
import dev.mandate.api.http.Paging;
import dev.mandate.api.http.QueryParams;
import dev.mandate.api.security.AllowedRoles;
import dev.mandate.approval.boundary.Approvals;
import dev.mandate.approval.control.ApprovalStore.ApprovalQuery;
import dev.mandate.approval.entity.ApprovalStatus;
import dev.mandate.approval.entity.ApprovalView;
import dev.mandate.contextpack.boundary.ContextPacks;
import dev.mandate.execution.boundary.ExecutionAnswers;
import dev.mandate.execution.control.ExecutionJson;
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

@Path("/v1/approvals")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Approvals", description = "People approve or reject what the rules sent to them, bound to exact arguments")
public class ApprovalsResource {

    @Inject
    Approvals approvals;

    @Inject
    ContextPacks contextPacks;

    @Inject
    ExecutionAnswers executions;

    @Inject
    Caller caller;

    @GET
    @AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR, BuiltInRole.APPROVER})
    @Operation(
            summary =
                    "Requests the caller may decide (an approver), or all of the tenant's (admin, auditor), by due time")
    public JsonObject list(
            @QueryParam("status") String status,
            @QueryParam("agentId") String agentId,
            @QueryParam("taskType") String taskType,
            @QueryParam("riskClass") String riskClass,
            @QueryParam("breached") String breached,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        int size = Paging.limit(limit);
        Cursor after = Cursor.decode("cursor", cursor);
        ApprovalStatus wanted = status == null
                ? ApprovalStatus.PENDING
                : status.equals("ALL") ? null : QueryParams.enumValue("status", status, ApprovalStatus.class);
        List<ApprovalView> page = approvals.page(
                caller,
                new ApprovalQuery(
                        caller.tenant(),
                        wanted,
                        QueryParams.text("agentId", agentId, 36, null),
                        QueryParams.text("taskType", taskType, 100, null),
                        QueryParams.text("riskClass", riskClass, 32, null),
                        bool("breached", breached),
                        null,
                        after == null ? null : after.at(),
                        after == null ? null : after.id(),
                        size + 1));
        JsonArrayBuilder items = JSON.createArrayBuilder();
        page.stream().limit(size).forEach(a -> items.add(ApprovalJson.of(a)));
        JsonObjectBuilder json = JSON.createObjectBuilder().add("items", items).add("limit", size);
        if (page.size() > size) {
            ApprovalView last = page.get(size - 1);
            json.add("nextCursor", new Cursor(last.dueAt().toInstant(), last.id()).encode());
        }
        return json.build();
    }

    @GET
    @Path("{id}")
    @AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR, BuiltInRole.APPROVER, BuiltInRole.AGENT})
    @Operation(summary = "A request with its votes and, for people, the context pack to decide it")
    public JsonObject get(@PathParam("id") String id) {
        ApprovalView approval = approvals.get(caller, id);
        JsonObjectBuilder json = ApprovalJson.builder(approval);
        if (!caller.isAgent()) {
            ContextPacks.Pack pack = contextPacks.of(caller, approval.envelopeId());
            json.add("context", pack.json()).add("suggestion", suggestion(approval, pack));
        }
        executions
                .of(caller.tenant(), approval.envelopeId())
                .ifPresent(e -> json.add("execution", ExecutionJson.summary(e)));
        return json.build();
    }

    @POST
    @Path("{id}/approve")
    @AllowedRoles({BuiltInRole.APPROVER, BuiltInRole.ADMIN})
    @Operation(summary = "Approve: with enough approvals the exact arguments execute, once")
    public JsonObject approve(@PathParam("id") String id, @Valid VoteRequest request) {
        VoteRequest vote = request == null ? new VoteRequest() : request;
        Approvals.Voted voted = approvals.approve(caller, id, vote.reason, vote.argumentsHash);
        return answer(voted);
    }

    @POST
    @Path("{id}/reject")
    @AllowedRoles({BuiltInRole.APPROVER, BuiltInRole.ADMIN})
    @Operation(summary = "Reject: nothing executes and the held budget is released")
    public JsonObject reject(@PathParam("id") String id, @Valid VoteRequest request) {
        VoteRequest vote = request == null ? new VoteRequest() : request;
        return answer(approvals.reject(caller, id, vote.reason));
    }

    private JsonObject answer(Approvals.Voted voted) {
        JsonObjectBuilder json = ApprovalJson.builder(voted.approval());
        if (voted.repeated()) {
            json.add("repeated", true);
        }
        if (voted.queued() != null) {
            executions.run(voted.queued()).ifPresent(e -> json.add("execution", ExecutionJson.summary(e)));
        } else {
            executions
                    .of(caller.tenant(), voted.approval().envelopeId())
                    .ifPresent(e -> json.add("execution", ExecutionJson.summary(e)));
        }
        return json.build();
    }

    /**
     * A suggested decision with its reason, from what people did with the agent's recent envelopes of the
     * same task type: a suggestion, never a decision.
     */
    static JsonObject suggestion(ApprovalView approval, ContextPacks.Pack pack) {
        long approved = pack.count("APPROVED") + pack.count("EXECUTED");
        long rejected = pack.count("REJECTED") + pack.count("EXPIRED");
        String decision;
        String reason;
        if (rejected > approved) {
            decision = "REJECT";
            reason = "people rejected " + rejected + " and approved " + approved + " of this agent's recent "
                    + approval.taskType() + " requests";
        } else if (approved > 0) {
            decision = "APPROVE";
            reason = "people approved " + approved + " and rejected " + rejected + " of this agent's recent "
                    + approval.taskType() + " requests";
        } else {
            decision = "REVIEW";
            reason = "no earlier decisions on this agent's " + approval.taskType() + " requests: check the"
                    + " arguments and evidence";
        }
        return JSON.createObjectBuilder()
                .add("decision", decision)
                .add("reason", reason)
                .build();
    }

    static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.valueOf(value);
        }
        throw new dev.mandate.platform.error.InvalidRequestException(name, "must be true or false");
    }
}
