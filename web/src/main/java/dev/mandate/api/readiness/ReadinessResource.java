package dev.mandate.api.readiness;

import dev.mandate.api.security.AllowedRoles;
import dev.mandate.api.taxonomy.WorkflowRequest;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import dev.mandate.readiness.boundary.Readiness;
import dev.mandate.readiness.entity.WorkflowReadiness;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The launch-readiness report: per workflow, the readiness checklists' criteria evaluated from live data.
 * JSON by default; a printable HTML page for {@code Accept: text/html} or {@code ?format=html}, as a file
 * with {@code ?download=true}.
 */
@Path("/v1/reports/readiness")
@RequestScoped
@Produces({MediaType.APPLICATION_JSON, ReadinessResource.HTML})
@Tag(
        name = "Reports",
        description = "Launch readiness: per workflow, each launch criterion met or not, with its evidence")
@AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR})
public class ReadinessResource {

    static final String HTML = MediaType.TEXT_HTML + ";charset=utf-8";

    private static final Pattern WORKFLOW_KEY = Pattern.compile(WorkflowRequest.KEY_PATTERN);

    @Inject
    Readiness readiness;

    @Inject
    Caller caller;

    @Context
    HttpHeaders headers;

    @GET
    @Operation(
            summary = "Every workflow of the tenant: ready or not, and each launch criterion (task boundaries,"
                    + " verified audit, evals with rollback, escalation budget, cost and latency data) MET or"
                    + " NOT_MET with its evidence and a link; ?format=html (or Accept: text/html) for a printable"
                    + " page, &download=true for a file")
    public Response all(@QueryParam("format") String format, @QueryParam("download") String download) {
        boolean html = html(format);
        boolean attachment = flag(download);
        List<WorkflowReadiness> workflows = readiness.all(caller);
        Response.ResponseBuilder answer = html
                ? htmlAnswer(ReadinessHtml.page(caller.tenant(), workflows))
                : Response.ok(ReadinessJson.list(workflows), MediaType.APPLICATION_JSON_TYPE);
        return attach(answer, attachment, "readiness-" + caller.tenant(), html);
    }

    @GET
    @Path("{workflowKey}")
    @Operation(
            summary = "One workflow's launch readiness (404 for a workflow the tenant does not have);"
                    + " ?format=html (or Accept: text/html) for a printable page, &download=true for a file")
    public Response one(
            @PathParam("workflowKey") String workflowKey,
            @QueryParam("format") String format,
            @QueryParam("download") String download) {
        if (workflowKey == null || !WORKFLOW_KEY.matcher(workflowKey).matches()) {
            throw new InvalidRequestException(
                    "workflowKey", "must be a workflow key: 1 to 100 of lowercase letters, digits and -");
        }
        boolean html = html(format);
        boolean attachment = flag(download);
        WorkflowReadiness workflow = readiness.of(caller, workflowKey);
        Response.ResponseBuilder answer = html
                ? htmlAnswer(ReadinessHtml.page(caller.tenant(), List.of(workflow)))
                : Response.ok(ReadinessJson.of(workflow), MediaType.APPLICATION_JSON_TYPE);
        return attach(answer, attachment, "readiness-" + workflowKey, html);
    }

    /** {@code format} when given (json or html), else what the Accept header prefers; JSON by default. */
    private boolean html(String format) {
        if (format != null) {
            return switch (format) {
                case "html" -> true;
                case "json" -> false;
                default -> throw new InvalidRequestException("format", "must be json or html");
            };
        }
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
            if (accepted.isCompatible(MediaType.TEXT_HTML_TYPE)) {
                return true;
            }
        }
        return false;
    }

    private static boolean flag(String download) {
        if (download == null || download.equals("false")) {
            return false;
        }
        if (download.equals("true")) {
            return true;
        }
        throw new InvalidRequestException("download", "must be true or false");
    }

    private static Response.ResponseBuilder htmlAnswer(String page) {
        return Response.ok(page, HTML)
                .header("Content-Security-Policy", ReadinessHtml.CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff");
    }

    /** The file name is a workflow key or a tenant id: letters, digits and - only, nothing to quote. */
    private static Response attach(Response.ResponseBuilder answer, boolean attachment, String name, boolean html) {
        if (attachment) {
            answer.header(
                    HttpHeaders.CONTENT_DISPOSITION,
                    "attachment; filename=" + name.replaceAll("[^A-Za-z0-9._-]", "_") + (html ? ".html" : ".json"));
        }
        return answer.build();
    }
}
