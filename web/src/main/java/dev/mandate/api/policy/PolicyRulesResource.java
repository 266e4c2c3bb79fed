package dev.mandate.api.policy;

import dev.mandate.api.http.EntityTags;
import dev.mandate.api.http.PageResponse;
import dev.mandate.api.http.Paging;
import dev.mandate.api.security.AllowedRoles;
import dev.mandate.decision.boundary.RecentEnvelopes;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import dev.mandate.policy.boundary.PolicyEvaluator;
import dev.mandate.policy.boundary.PolicyRollbacks;
import dev.mandate.policy.boundary.PolicyRules;
import dev.mandate.policy.control.PolicyInput;
import dev.mandate.policy.entity.PolicyRule;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/policies")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Policies", description = "Deterministic, versioned policy rules in CEL, and what-if runs of drafts")
@AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR, BuiltInRole.APPROVER})
public class PolicyRulesResource {

    @Inject
    RecentEnvelopes recentEnvelopes;

    @Inject
    PolicyRules rules;

    @Inject
    PolicyRollbacks rollbacks;

    @Inject
    PolicyEvaluator evaluator;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "The tenant's policy set: its current version, recorded in every decision")
    public Response policySet() {
        PolicyRules.PolicySetView set = rules.policySet(caller);
        return Response.ok(PolicySetResponse.of(set))
                .tag(EntityTags.of(set.version()))
                .build();
    }

    @POST
    @Path("rollback")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(
            summary = "Restore the rules of an earlier policy version as a new version (If-Match: the current"
                    + " version); roll forward the same way")
    public Response rollBack(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid PolicyRollbackRequest request) {
        PolicyRollbacks.RolledBack done = rollbacks.rollBack(
                caller,
                request == null ? null : request.toVersion,
                EntityTags.parseIfMatch(ifMatch),
                request == null ? null : request.reason);
        return Response.ok(PolicyRollbackResponse.of(done))
                .tag(EntityTags.of(done.policyVersion()))
                .build();
    }

    @GET
    @Path("rules")
    @Operation(summary = "List the tenant's rules in evaluation order (priority, then rule id)")
    public PageResponse<PolicyRuleResponse> list(
            @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return PageResponse.of(rules.list(caller, Paging.of(offset, limit)).map(PolicyRuleResponse::of));
    }

    @POST
    @Path("rules")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Create a rule; an expression that does not compile is a 400 with the compiler's message")
    public Response create(PolicyRuleRequest request, @Context UriInfo uri) {
        PolicyRule rule = rules.create(caller, request.toDraft());
        return Response.created(uri.getAbsolutePathBuilder().path(rule.ruleId()).build())
                .tag(EntityTags.of(rule.ruleVersion()))
                .entity(PolicyRuleResponse.of(rule))
                .build();
    }

    @GET
    @Path("rules/{ruleId}")
    @Operation(summary = "One rule's current version; the ETag is its version")
    public Response get(@PathParam("ruleId") String ruleId) {
        return withTag(rules.get(caller, ruleId));
    }

    @PUT
    @Path("rules/{ruleId}")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Write the rule's next version (If-Match required)")
    public Response replace(
            @PathParam("ruleId") String ruleId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            PolicyRuleRequest request) {
        return withTag(rules.replace(caller, ruleId, EntityTags.parseIfMatch(ifMatch), request.toDraft()));
    }

    @DELETE
    @Path("rules/{ruleId}")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Remove the rule from the policy (If-Match required); its versions stay readable")
    public Response delete(@PathParam("ruleId") String ruleId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        rules.delete(caller, ruleId, EntityTags.parseIfMatch(ifMatch));
        return Response.noContent().build();
    }

    @GET
    @Path("rules/{ruleId}/versions")
    @Operation(summary = "Every version of a rule, oldest first, also after deletion")
    public List<PolicyRuleVersionResponse> versions(@PathParam("ruleId") String ruleId) {
        return rules.versions(caller, ruleId).stream()
                .map(PolicyRuleVersionResponse::of)
                .toList();
    }

    @POST
    @Path("what-if")
    @Operation(summary = "Evaluate a draft rule against sample inputs, with and without it; nothing is stored (a read)")
    public WhatIfResponse whatIf(@Valid WhatIfRequest request) {
        if ((request.samples == null) == (request.recent == null)) {
            throw new InvalidRequestException(
                    "samples", "give either samples or recent (a number of recent envelopes)");
        }
        List<String> envelopeIds = null;
        List<PolicyInput> inputs;
        if (request.recent != null) {
            List<RecentEnvelopes.RecentInput> recent = recentEnvelopes.policyInputs(caller, request.recent);
            envelopeIds =
                    recent.stream().map(RecentEnvelopes.RecentInput::envelopeId).toList();
            inputs = recent.stream().map(RecentEnvelopes.RecentInput::input).toList();
        } else {
            inputs = request.samples.stream().map(PolicySample::toInput).toList();
        }
        List<PolicyEvaluator.Comparison> comparisons =
                evaluator.compare(caller.tenant(), request.rule.toDraft(), inputs);
        List<WhatIfResponse.Result> results = new ArrayList<>(comparisons.size());
        int changed = 0;
        for (int i = 0; i < comparisons.size(); i++) {
            PolicyEvaluator.Comparison c = comparisons.get(i);
            changed += c.changed() ? 1 : 0;
            results.add(new WhatIfResponse.Result(i, c.changed(), c.withoutDraft(), c.withDraft()));
        }
        String version = comparisons.isEmpty()
                ? evaluator.currentVersion(caller.tenant())
                : comparisons.get(0).withoutDraft().policyVersion();
        return new WhatIfResponse(version, request.rule.ruleId, changed, results, envelopeIds);
    }

    private static Response withTag(PolicyRule rule) {
        return Response.ok(PolicyRuleResponse.of(rule))
                .tag(EntityTags.of(rule.ruleVersion()))
                .build();
    }
}
