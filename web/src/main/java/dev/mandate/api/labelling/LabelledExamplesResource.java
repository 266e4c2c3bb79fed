package dev.mandate.api.labelling;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.api.http.Paging;
import dev.mandate.api.http.QueryParams;
import dev.mandate.api.security.AllowedRoles;
import dev.mandate.labelling.boundary.LabelledExampleLog;
import dev.mandate.labelling.entity.LabelledExample;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.json.JsonStrings;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/labelled-examples")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Labelled examples", description = "Every human judgement, as an eval case")
@AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR})
public class LabelledExamplesResource {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,36}");

    @Inject
    LabelledExampleLog log;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "Approvals, rejections and resolutions as labelled examples, newest first")
    public JsonObject list(
            @QueryParam("source") String source,
            @QueryParam("taskType") String taskType,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        int size = Paging.limit(limit);
        if (source != null && !source.equals("APPROVAL") && !source.equals("ESCALATION")) {
            throw new InvalidRequestException("source", "must be APPROVAL or ESCALATION");
        }
        if (cursor != null && !ID.matcher(cursor).matches()) {
            throw new InvalidRequestException("cursor", "must be a cursor from this list's nextCursor");
        }
        List<LabelledExample> page =
                log.page(caller, source, QueryParams.text("taskType", taskType, 100, null), cursor, size + 1);
        JsonArrayBuilder items = JSON.createArrayBuilder();
        page.stream().limit(size).forEach(e -> items.add(json(e)));
        JsonObjectBuilder json = JSON.createObjectBuilder().add("items", items).add("limit", size);
        if (page.size() > size) {
            json.add("nextCursor", page.get(size - 1).id());
        }
        return json.build();
    }

    static JsonObject json(LabelledExample e) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", e.id())
                .add("source", e.source())
                .add("sourceId", e.sourceId())
                .add("envelopeId", e.envelopeId())
                .add("agentId", e.agentId())
                .add("taskType", e.taskType())
                .add("tool", e.tool())
                .add("action", e.action())
                .add("riskClass", e.riskClass())
                .add("machineDecision", e.machineDecision())
                .add("humanAction", e.humanAction())
                .add("input", JsonStrings.object(e.inputJson()))
                .add("labelledBy", e.labelledBy())
                .add("createdAt", e.createdAt().toInstant().toString());
        if (e.reason() != null) {
            json.add("reason", e.reason());
        }
        if (e.editedArguments() != null) {
            json.add("editedArguments", JsonStrings.object(e.editedArguments()));
        }
        return json.build();
    }
}
