package dev.mandate.api.readiness;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.readiness.entity.CriterionResult;
import dev.mandate.readiness.entity.WorkflowReadiness;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/** The JSON of a readiness report: one object per workflow, one per criterion. */
final class ReadinessJson {

    private ReadinessJson() {}

    static JsonObject list(List<WorkflowReadiness> workflows) {
        JsonArrayBuilder items = JSON.createArrayBuilder();
        workflows.forEach(workflow -> items.add(of(workflow)));
        return JSON.createObjectBuilder().add("items", items).build();
    }

    static JsonObject of(WorkflowReadiness workflow) {
        JsonArrayBuilder criteria = JSON.createArrayBuilder();
        workflow.criteria().forEach(criterion -> criteria.add(of(criterion)));
        return JSON.createObjectBuilder()
                .add("workflow", workflow.workflow())
                .add("name", workflow.name())
                .add("ready", workflow.ready())
                .add("criteria", criteria)
                .add("evaluatedAt", workflow.evaluatedAt().toString())
                .build();
    }

    private static JsonObject of(CriterionResult result) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("criterion", result.criterion().name())
                .add("title", result.criterion().title())
                .add("status", result.status())
                .add("evidence", result.evidence())
                .add("link", result.link());
        if (result.details() != null) {
            json.add("details", result.details());
        }
        return json.build();
    }
}
