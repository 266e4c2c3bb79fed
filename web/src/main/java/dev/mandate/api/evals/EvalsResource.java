package dev.mandate.api.evals;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.api.http.Paging;
import dev.mandate.api.security.AllowedRoles;
import dev.mandate.jobs.eval.boundary.EvalDatasets;
import dev.mandate.jobs.eval.boundary.EvalGates;
import dev.mandate.jobs.eval.boundary.EvalRuns;
import dev.mandate.jobs.eval.control.DatasetImport;
import dev.mandate.jobs.eval.entity.DatasetVersion;
import dev.mandate.jobs.eval.entity.EvalGate;
import dev.mandate.jobs.eval.entity.EvalRun;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/evals")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Evals",
        description = "Eval datasets (golden and adversarial cases), eval runs of agent versions, release gates")
@AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR})
public class EvalsResource {

    @Inject
    EvalDatasets datasets;

    @Inject
    EvalRuns runs;

    @Inject
    EvalGates gates;

    @Inject
    Caller caller;

    @Context
    UriInfo uri;

    @GET
    @Path("datasets")
    @Operation(summary = "The tenant's datasets, each with its latest version")
    public JsonObject datasets(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return EvalsJson.page(datasets.latest(caller, Paging.of(offset, limit)), EvalsJson::version);
    }

    @POST
    @Path("datasets/{name}/versions")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Consumes({DatasetImport.JSON_LINES, DatasetImport.CSV})
    @Operation(
            summary = "Import a new version of a dataset, JSON Lines or CSV, all or nothing: 201, or 422 listing"
                    + " the wrong lines by number")
    public Response importVersion(
            @PathParam("name") String name, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("body", "holds no case");
        }
        DatasetVersion version = datasets.importVersion(caller, name, mediaType(contentType), body);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(Integer.toString(version.version()))
                        .build())
                .type(MediaType.APPLICATION_JSON)
                .entity(EvalsJson.version(version))
                .build();
    }

    @POST
    @Path("datasets/{name}/versions")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Collect a new version of a dataset from the people's judgements (labelled examples):"
                    + " {\"source\":\"LABELLED\",\"taskType\":...}; 422 when none says what should have happened")
    public Response collectVersion(@PathParam("name") String name, @Valid LabelledDatasetRequest request) {
        if (request == null) {
            throw new InvalidRequestException("body", "a source is required");
        }
        DatasetVersion version = datasets.collectLabelled(caller, name, request.taskType);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(Integer.toString(version.version()))
                        .build())
                .entity(EvalsJson.version(version))
                .build();
    }

    @GET
    @Path("datasets/{name}/versions")
    @Operation(summary = "The versions of a dataset, oldest first")
    public JsonObject versions(
            @PathParam("name") String name, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return EvalsJson.page(datasets.versions(caller, name, Paging.of(offset, limit)), EvalsJson::version);
    }

    @GET
    @Path("datasets/{name}/versions/{version}")
    @Operation(summary = "One version of a dataset")
    public JsonObject version(@PathParam("name") String name, @PathParam("version") String version) {
        return EvalsJson.version(datasets.version(caller, name, version));
    }

    @GET
    @Path("datasets/{name}/versions/{version}/cases")
    @Operation(summary = "The cases of a dataset version, in order")
    public JsonObject cases(
            @PathParam("name") String name,
            @PathParam("version") String version,
            @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        return EvalsJson.page(datasets.cases(caller, name, version, Paging.of(offset, limit)), EvalsJson::evalCase);
    }

    @POST
    @Path("runs")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Replay a dataset version as an agent version (the eval-run job): 202 with the run's Location"
                    + " and its jobExecutionId (stop and restart it under /api/v1/jobs/executions); 422 when either"
                    + " does not exist")
    public Response startRun(@Valid EvalRunRequest request) {
        if (request == null) {
            throw new InvalidRequestException("body", "a run is required");
        }
        EvalRuns.Started started = runs.start(
                caller, request.dataset, Long.toString(request.datasetVersion), request.agentId, request.agentVersion);
        EvalRun run = started.run();
        JsonObject body = JSON.createObjectBuilder(EvalsJson.run(run))
                .add("jobExecutionId", started.jobExecutionId())
                .build();
        return Response.accepted(body)
                .location(uri.getBaseUriBuilder().path("v1/evals/runs/{id}").build(run.id()))
                .build();
    }

    @GET
    @Path("runs")
    @Operation(summary = "The tenant's eval runs, newest first")
    public JsonObject runs(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return EvalsJson.page(runs.list(caller, Paging.of(offset, limit)), EvalsJson::run);
    }

    @GET
    @Path("runs/{id}")
    @Operation(summary = "One eval run: status, versions (dataset, agent, policy) and, once completed, its figures")
    public JsonObject run(@PathParam("id") String id) {
        return EvalsJson.run(runs.get(caller, id));
    }

    @GET
    @Path("runs/{id}/results")
    @Operation(summary = "The run's per-case results, in case order")
    public JsonObject results(
            @PathParam("id") String id, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return EvalsJson.page(runs.results(caller, id, Paging.of(offset, limit)), EvalsJson::result);
    }

    @POST
    @Path("gates")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Gate a candidate run against the current version's run of the same dataset version: PASS or"
                    + " BLOCK with the numbers (201)")
    public Response gate(@Valid EvalGateRequest request) {
        if (request == null) {
            throw new InvalidRequestException("body", "a gate request is required");
        }
        EvalGate gate = gates.decide(
                caller,
                request.candidateRun,
                request.currentRun,
                request.thresholdPoints == null ? null : request.thresholdPoints.doubleValue(),
                request.alpha == null ? null : request.alpha.doubleValue());
        return Response.created(
                        uri.getBaseUriBuilder().path("v1/evals/gates/{id}").build(gate.id()))
                .entity(EvalsJson.gate(gate))
                .build();
    }

    @GET
    @Path("gates")
    @Operation(summary = "The tenant's gate decisions, newest first")
    public JsonObject gates(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return EvalsJson.page(gates.list(caller, Paging.of(offset, limit)), EvalsJson::gate);
    }

    @GET
    @Path("gates/{id}")
    @Operation(summary = "One gate decision with its numbers")
    public JsonObject gate(@PathParam("id") String id) {
        return EvalsJson.gate(gates.get(caller, id));
    }

    private static String mediaType(String contentType) {
        MediaType type = MediaType.valueOf(contentType);
        return (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
    }
}
