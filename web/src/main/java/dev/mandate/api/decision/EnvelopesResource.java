package dev.mandate.api.decision;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.api.http.PayloadTooLargeException;
import dev.mandate.api.http.RequestValidator;
import dev.mandate.api.json.CanonicalJson;
import dev.mandate.api.security.AllowedRoles;
import dev.mandate.api.security.ChecksAgentStatusItself;
import dev.mandate.api.security.VerifiedCall;
import dev.mandate.audit.boundary.AuditedReads;
import dev.mandate.decision.boundary.EnvelopeGateway;
import dev.mandate.decision.boundary.Envelopes;
import dev.mandate.decision.control.TraceIds;
import dev.mandate.decision.entity.EnvelopeAnswer;
import dev.mandate.decision.entity.EnvelopeRecord;
import dev.mandate.decision.entity.EnvelopeSubmission;
import dev.mandate.delegation.control.PersonTokens;
import dev.mandate.execution.control.CallbackTargets;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.Violation;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.tracing.SpanAttributes;
import dev.mandate.platform.tracing.Step;
import dev.mandate.platform.tracing.Tracing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

// application-scoped: the decision path's hottest resource; creating and injecting it per request was a
// tenth of a decision's CPU time (JFR, BENCHMARKS.md)
@Path("/v1/envelopes")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Envelopes", description = "The decision path: every tool call an agent wants to make")
public class EnvelopesResource {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The envelope's column (envelope.request_json): a longer one is refused, never cut or failed on. */
    static final int MAX_ENVELOPE_CHARS = 200_000;

    @Inject
    EnvelopeGateway gateway;

    @Inject
    Envelopes envelopes;

    @Inject
    RequestValidator validator;

    @Inject
    CallbackTargets callbackTargets;

    @Inject
    PersonTokens personTokens;

    @Inject
    EnvelopeViews views;

    @Inject
    AuditedReads reads;

    @Inject
    Tracing tracing;

    /**
     * The body is validated here rather than with {@code @Valid}: a constrained method of a CDI bean is
     * validated twice, by JAX-RS and again by Hibernate Validator's CDI interceptor (a tenth of a
     * decision's CPU, JFR); a plain bean validation is the same check once, with the same answer. The
     * caller comes from {@link VerifiedCall}, not from {@code @Context} parameters; the decision reads the
     * calling agent itself, in its transaction. The answer is asynchronous: the worker goes back to the pool
     * once the decision committed, and an allowed execution's end (or its connector's wait running out)
     * resumes it.
     */
    @POST
    @AllowedRoles(BuiltInRole.AGENT)
    @ChecksAgentStatusItself
    @Operation(summary = "Submit an envelope and get the decision (ALLOW, DENY, REQUIRE_APPROVAL, ESCALATE, SHADOW)")
    @APIResponse(
            responseCode = "200",
            description = "The decision, with the execution's outcome when it executed in time")
    @APIResponse(
            responseCode = "202",
            description = "Allowed; the execution goes on (Location: the envelope, with its execution's state)")
    public void submit(
            EnvelopeRequest request,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam("traceparent") String traceparent,
            @Suspended AsyncResponse async) {
        Step envelope = tracing.entry(
                "mandate.envelope", traceparent, VerifiedCall.current().trace());
        try (envelope) {
            Admitted admitted = validated(request, idempotencyKey);
            // one trace per envelope: the one the request continues or starts, else (tracing off) the caller's
            String traceId = envelope.traceId() != null ? envelope.traceId() : TraceIds.from(traceparent);
            EnvelopeRequest.ModelUsage usage = request.modelUsage;
            if (envelope.recording()) {
                describe(envelope, request);
            }
            EnvelopeSubmission submission = new EnvelopeSubmission(
                    request.agentId,
                    request.taskId,
                    request.taskType,
                    request.requestedAction.tool,
                    request.requestedAction.action,
                    request.requestedAction.arguments,
                    admitted.envelope(),
                    usage == null || usage.calls == null ? (usage == null ? 0 : 1) : usage.calls,
                    usage == null || usage.cost == null ? BigDecimal.ZERO : usage.cost,
                    traceId,
                    idempotencyKey,
                    CanonicalJson.sha256(admitted.text()));
            String traceHeader =
                    envelope.traceparent() != null ? envelope.traceparent() : "00-" + traceId + "-" + spanId() + "-01";
            gateway.submitAsync(VerifiedCall.current().caller(), submission)
                    .whenComplete(
                            (answer, failed) -> async.resume(failed == null ? response(answer, traceHeader) : failed));
        } catch (RuntimeException refused) {
            envelope.failed(refused.getClass().getSimpleName());
            throw refused;
        }
    }

    /** The checks beyond the reader's: Bean Validation, the key's form, the callback, depth and size. */
    private Admitted validated(EnvelopeRequest request, String idempotencyKey) {
        try (Step validation = tracing.start("mandate.validate")) {
            try {
                if (request == null) {
                    throw new InvalidRequestException("body", "an envelope is required");
                }
                Set<ConstraintViolation<EnvelopeRequest>> violations = validator.validate(request);
                if (!violations.isEmpty()) {
                    throw new ConstraintViolationException(violations);
                }
                if (idempotencyKey != null
                        && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
                    throw new InvalidRequestException("Idempotency-Key", "must be 1 to 255 visible ASCII characters");
                }
                if (request.callbackUrl != null) {
                    callbackTargets.check(VerifiedCall.current().caller().tenant(), request.callbackUrl);
                }
                Admitted admitted = admissible(request, ConfigKey.ENVELOPE_MAX_ARGUMENT_DEPTH.get(Integer.class));
                if (request.onBehalfOfToken != null) {
                    admitted = proven(
                            admitted,
                            personTokens.subject(VerifiedCall.current().caller().tenant(), request.onBehalfOfToken));
                }
                return admitted;
            } catch (RuntimeException invalid) {
                validation.failed(invalid.getClass().getSimpleName());
                throw invalid;
            }
        }
    }

    /** What the envelope asks, as attributes: bounded values only, never its arguments or evidence. */
    private static void describe(Step envelope, EnvelopeRequest request) {
        envelope.set(SpanAttributes.TENANT, VerifiedCall.current().caller().tenant())
                .set(SpanAttributes.GEN_AI_AGENT_ID, request.agentId)
                .set(SpanAttributes.TASK_TYPE, request.taskType)
                .set(SpanAttributes.GEN_AI_TOOL_NAME, request.requestedAction.tool)
                .set(SpanAttributes.TOOL_ACTION, request.requestedAction.action);
        EnvelopeRequest.ModelUsage usage = request.modelUsage;
        if (usage != null) {
            envelope.set(SpanAttributes.GEN_AI_REQUEST_MODEL, usage.model);
            if (usage.inputTokens != null) {
                envelope.set(SpanAttributes.GEN_AI_USAGE_INPUT_TOKENS, usage.inputTokens.longValue());
            }
            if (usage.outputTokens != null) {
                envelope.set(SpanAttributes.GEN_AI_USAGE_OUTPUT_TOKENS, usage.outputTokens.longValue());
            }
        }
    }

    private static Response response(EnvelopeAnswer answer, String traceHeader) {
        Response.ResponseBuilder response =
                Response.status(answer.status()).entity(answer.body()).header("traceparent", traceHeader);
        if (answer.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        if (answer.status() == 202) {
            response.header(
                    "Location", "/api/v1/envelopes/" + read(answer.body()).getString("envelopeId"));
        }
        return response.build();
    }

    /**
     * The envelope as stored (members sorted), once the checks beyond Bean Validation pass: arguments
     * and policy context nested at most {@code maxDepth} deep (both are free-form inputs to rules), and at most {@link #MAX_ENVELOPE_CHARS} as stored. Numbers and
     * text were checked by the reader.
     */
    static Admitted admissible(EnvelopeRequest request, int maxDepth) {
        if (CanonicalJson.depth(request.requestedAction.arguments) > maxDepth) {
            throw new InvalidRequestException(
                    "requestedAction.arguments", "must not be nested deeper than " + maxDepth);
        }
        if (request.policyContext != null && CanonicalJson.depth(request.policyContext) > maxDepth) {
            throw new InvalidRequestException("policyContext", "must not be nested deeper than " + maxDepth);
        }
        JsonObject envelope = (JsonObject) CanonicalJson.sorted(request.asWritten());
        String text = envelope.toString();
        if (text.length() > MAX_ENVELOPE_CHARS) {
            throw new PayloadTooLargeException(
                    "The envelope exceeds " + MAX_ENVELOPE_CHARS + " characters as stored (compact JSON).");
        }
        return new Admitted(envelope, text);
    }

    /**
     * The envelope with the person its token proves in place of the token: a bearer token of a person is a
     * credential and is never stored. A named person other than the token's subject is refused.
     */
    static Admitted proven(Admitted admitted, String subject) {
        JsonObject envelope = admitted.envelope();
        String named = envelope.getString("onBehalfOf", null);
        if (named != null && !named.equals(subject)) {
            throw new InvalidRequestException(
                    ProblemType.UNPROCESSABLE,
                    "onBehalfOf: names someone else than the token proves",
                    List.of(new Violation("onBehalfOf", "is not the subject of onBehalfOfToken")));
        }
        JsonObjectBuilder stored = JSON.createObjectBuilder(envelope)
                .remove("onBehalfOfToken")
                .add("onBehalfOf", subject)
                .add("onBehalfOfProven", true);
        JsonObject sorted = (JsonObject) CanonicalJson.sorted(stored.build());
        return new Admitted(sorted, sorted.toString());
    }

    /** The envelope to decide and store, and its stored text. */
    record Admitted(JsonObject envelope, String text) {}

    @GET
    @Path("{id}")
    @AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR, BuiltInRole.AGENT})
    @Operation(summary = "An envelope as received, with its decision (administrators, auditors, the agent itself)")
    public JsonObject get(@PathParam("id") String id) {
        return views.withEnvelope(envelopes.get(VerifiedCall.current().caller(), id));
    }

    @GET
    @Path("{id}/explain")
    @AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR, BuiltInRole.AGENT})
    @Operation(
            summary = "What happened and why: who asked, under which authority, which checks and rules, what budget"
                    + " (administrators, auditors, the agent itself; every read is audited)")
    public JsonObject explain(@PathParam("id") String id) {
        Caller caller = VerifiedCall.current().caller();
        EnvelopeRecord envelope = envelopes.get(caller, id);
        reads.record(
                caller,
                "envelope.explained",
                envelope.traceId(),
                Map.of("envelopeId", envelope.id(), "agentId", envelope.agentId()));
        return views.explained(envelope);
    }

    private static JsonObject read(String json) {
        return JSON.createReader(new StringReader(json)).readObject();
    }

    private static String spanId() {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
