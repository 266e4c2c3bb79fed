package dev.mandate.api.report;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.api.http.PageResponse;
import dev.mandate.api.http.Paging;
import dev.mandate.api.http.QueryParams;
import dev.mandate.api.security.AllowedRoles;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import dev.mandate.report.boundary.Reports;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/reports")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports", description = "The cost and outcome rollup and drift, as the cost-rollup job computed them")
@AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR})
public class ReportsResource {

    @Inject
    Reports reports;

    @Inject
    Caller caller;

    @GET
    @Path("rollups")
    @Operation(
            summary = "Rollup rows per day, task type and agent: tasks by outcome, rates against targets, cost per"
                    + " resolved task p50/p95, latency p50/p95, ROI with its inputs; paged (offset, limit)")
    public PageResponse<JsonObject> rollups(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("taskType") String taskType,
            @QueryParam("agent") String agent,
            @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        if (first != null && last != null && first.isAfter(last)) {
            throw new InvalidRequestException("from", "must not be after to");
        }
        return PageResponse.of(reports.rollups(
                caller,
                new Reports.RollupFilter(
                        first,
                        last,
                        QueryParams.text("taskType", taskType, 100, null),
                        QueryParams.text("agent", agent, 36, null)),
                Paging.of(offset, limit)));
    }

    @GET
    @Path("drift")
    @Operation(
            summary = "The latest drift report: per task type, success, escalation and denial rates and cost per"
                    + " task, last 7 days against the last 30, flagged beyond the configured thresholds")
    public JsonObject drift() {
        JsonArrayBuilder items = JSON.createArrayBuilder();
        reports.drift(caller).forEach(items::add);
        return JSON.createObjectBuilder().add("items", items).build();
    }

    private static LocalDate date(String name, String value) {
        String text = QueryParams.text(name, value, 10, null);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(name, "must be a date (YYYY-MM-DD)");
        }
    }
}
