package dev.mandate.budget.boundary;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.budget.entity.Budget;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/budgets")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Budgets", description = "Spend caps per tenant and per agent, per day and per week")
@RolesAllowed({BuiltInRole.ADMIN, BuiltInRole.AUDITOR, BuiltInRole.APPROVER})
public class BudgetsResource {

    @Inject
    Budgets budgets;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "The tenant's budgets")
    public List<JsonObject> list() {
        return budgets.list(caller).stream().map(BudgetsResource::json).toList();
    }

    @PUT
    @RolesAllowed(BuiltInRole.ADMIN)
    @Operation(summary = "Set (create or change) a budget")
    public JsonObject set(@Valid BudgetRequest request) {
        return json(budgets.set(caller, request.scope, request.subject, request.period, request.maxCost));
    }

    static JsonObject json(Budget budget) {
        return JSON.createObjectBuilder()
                .add("scope", budget.scope().name())
                .add("subject", budget.subject())
                .add("period", budget.period().name())
                .add("maxCost", budget.maxCost())
                .add("updatedBy", budget.updatedBy())
                .add("updatedAt", budget.updatedAt().toString())
                .build();
    }
}
