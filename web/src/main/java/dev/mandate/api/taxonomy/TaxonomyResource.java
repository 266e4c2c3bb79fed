package dev.mandate.api.taxonomy;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.api.http.EntityTags;
import dev.mandate.api.security.AllowedRoles;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import dev.mandate.taxonomy.boundary.Taxonomy;
import dev.mandate.taxonomy.entity.TaskType;
import dev.mandate.taxonomy.entity.TaskTypeDefinition;
import dev.mandate.taxonomy.entity.Workflow;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Task taxonomy", description = "Workflows and their task types")
@AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR, BuiltInRole.APPROVER})
public class TaxonomyResource {

    @Inject
    Taxonomy taxonomy;

    @Inject
    Caller caller;

    @GET
    @Path("workflows")
    @Operation(summary = "The tenant's workflows")
    public List<JsonObject> workflows() {
        return taxonomy.workflows(caller).stream().map(TaxonomyResource::json).toList();
    }

    @POST
    @Path("workflows")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Add a workflow")
    public Response createWorkflow(@Valid WorkflowRequest request) {
        Workflow workflow = taxonomy.createWorkflow(caller, request.key, request.name, request.description);
        return Response.status(201).entity(json(workflow)).build();
    }

    @GET
    @Path("workflows/{key}")
    @Operation(summary = "A workflow and its task types")
    public JsonObject workflow(@PathParam("key") String key) {
        Workflow workflow = taxonomy.workflow(caller, key);
        JsonArrayBuilder types = JSON.createArrayBuilder();
        taxonomy.taskTypesOf(caller.tenant(), workflow).forEach(t -> types.add(json(t, key)));
        return JSON.createObjectBuilder(json(workflow)).add("taskTypes", types).build();
    }

    @GET
    @Path("task-types")
    @Operation(summary = "All task types of the tenant")
    public List<JsonObject> taskTypes() {
        return taxonomy.taskTypes(caller).stream()
                .map(t -> json(t, taxonomy.workflowKeyOf(t)))
                .toList();
    }

    @POST
    @Path("task-types")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Define a task type")
    public Response createTaskType(@Valid TaskTypeRequest request) {
        TaskType taskType = taxonomy.createTaskType(caller, request.toDefinition());
        return Response.status(201)
                .tag(EntityTags.of(taskType.version()))
                .entity(json(taskType, request.workflow))
                .build();
    }

    @GET
    @Path("task-types/{key}")
    @Operation(summary = "One task type")
    public Response taskType(@PathParam("key") String key) {
        TaskType taskType = taxonomy.taskType(caller, key);
        return Response.ok(json(taskType, taxonomy.workflowKeyOf(taskType)))
                .tag(EntityTags.of(taskType.version()))
                .build();
    }

    @PUT
    @Path("task-types/{key}")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Replace a task type (If-Match required)")
    public Response replaceTaskType(
            @PathParam("key") String key,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid TaskTypeRequest request) {
        TaskType taskType =
                taxonomy.replaceTaskType(caller, key, EntityTags.parseIfMatch(ifMatch), request.toDefinition());
        return Response.ok(json(taskType, request.workflow))
                .tag(EntityTags.of(taskType.version()))
                .build();
    }

    static JsonObject json(Workflow workflow) {
        JsonObjectBuilder json =
                JSON.createObjectBuilder().add("key", workflow.key()).add("name", workflow.name());
        if (workflow.description() != null) {
            json.add("description", workflow.description());
        }
        return json.build();
    }

    static JsonObject json(TaskType taskType, String workflowKey) {
        TaskTypeDefinition d = taskType.definition(workflowKey);
        JsonArrayBuilder tools = JSON.createArrayBuilder();
        d.allowedTools().stream()
                .sorted(Comparator.comparing((dev.mandate.taxonomy.entity.AllowedTool a) -> a.tool())
                        .thenComparing(a -> a.action()))
                .forEach(a -> tools.add(
                        JSON.createObjectBuilder().add("tool", a.tool()).add("action", a.action())));
        JsonArrayBuilder refusals = JSON.createArrayBuilder();
        d.refusalConditions().forEach(r -> {
            JsonObjectBuilder condition = JSON.createObjectBuilder()
                    .add("fieldPath", r.fieldPath())
                    .add("operator", r.operator().name())
                    .add("reason", r.reason());
            if (r.operand() != null) {
                condition.add("operand", r.operand());
            }
            refusals.add(condition);
        });
        JsonObjectBuilder targets = JSON.createObjectBuilder();
        putIfSet(targets, "successRate", d.targets().successRate());
        putIfSet(targets, "escalationRate", d.targets().escalationRate());
        if (d.targets().p95Millis() != null) {
            targets.add("p95Millis", d.targets().p95Millis());
        }
        putIfSet(targets, "costPerTask", d.targets().costPerTask());
        JsonObjectBuilder limits = JSON.createObjectBuilder();
        if (d.limits().maxModelCalls() != null) {
            limits.add("maxModelCalls", d.limits().maxModelCalls());
        }
        if (d.limits().maxToolCalls() != null) {
            limits.add("maxToolCalls", d.limits().maxToolCalls());
        }
        putIfSet(limits, "maxCostPerTask", d.limits().maxCostPerTask());
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("key", d.key())
                .add("workflow", workflowKey)
                .add("name", d.name())
                .add("definition", d.definition())
                .add("successCriteria", d.successCriteria())
                .add("riskLevel", d.riskLevel().name())
                .add("allowedTools", tools)
                .add("refusalConditions", refusals)
                .add("targets", targets)
                .add("limits", limits)
                .add("shadowMode", d.shadowMode());
        putIfSet(json, "minConfidence", d.minConfidence());
        return json.add("version", taskType.version()).build();
    }

    private static void putIfSet(JsonObjectBuilder json, String name, BigDecimal value) {
        if (value != null) {
            json.add(name, value);
        }
    }
}
