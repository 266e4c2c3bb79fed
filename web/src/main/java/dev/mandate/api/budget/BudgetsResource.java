package dev.mandate.api.budget;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.api.security.AllowedRoles;
import dev.mandate.budget.boundary.Budgets;
import dev.mandate.budget.entity.Budget;
import dev.mandate.budget.entity.BudgetUsage;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
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
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/budgets")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Budgets", description = "Spend caps per tenant and per agent, per day and per week")
@AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR, BuiltInRole.APPROVER})
public class BudgetsResource {

    @Inject
    Budgets budgets;

    @Inject
    Caller caller;

    @GET
    @Operation(
            summary = "The tenant's budgets",
            description = "Each with its current period: spent (everything reserved, held amounts included),"
                    + " heldForApproval (reserved for decisions awaiting approval) and remaining")
    public List<JsonObject> list() {
        return budgets.standings(caller).stream()
                .map(standing -> standing(standing.budget(), standing.usage()))
                .toList();
    }

    static JsonObject standing(Budget budget, BudgetUsage usage) {
        return JSON.createObjectBuilder(json(budget))
                .add("periodStart", usage.periodStart().toString())
                .add("spent", plain(usage.spent()))
                .add("heldForApproval", plain(usage.heldForApproval()))
                .add("remaining", plain(usage.remaining()))
                .build();
    }

    /** 2.5000 → 2.5 and 100.0000 → 100 (not 1E+2). */
    private static BigDecimal plain(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    @PUT
    @AllowedRoles(BuiltInRole.ADMIN)
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
