package dev.mandate.api.evals;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.jobs.eval.entity.CaseResult;
import dev.mandate.jobs.eval.entity.CaseScore;
import dev.mandate.jobs.eval.entity.DatasetVersion;
import dev.mandate.jobs.eval.entity.EvalCase;
import dev.mandate.jobs.eval.entity.EvalGate;
import dev.mandate.jobs.eval.entity.EvalRun;
import dev.mandate.jobs.eval.entity.RunFigures;
import dev.mandate.platform.json.JsonStrings;
import dev.mandate.platform.paging.Page;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.function.Function;

/** The evals API's JSON: datasets, cases, runs, case results and gates. */
final class EvalsJson {

    private EvalsJson() {}

    static <T> JsonObject page(Page<T> page, Function<T, JsonObject> item) {
        JsonArrayBuilder items = JSON.createArrayBuilder();
        page.items().forEach(i -> items.add(item.apply(i)));
        return JSON.createObjectBuilder()
                .add("items", items)
                .add("offset", page.offset())
                .add("limit", page.limit())
                .add("total", page.total())
                .build();
    }

    static JsonObject version(DatasetVersion v) {
        return JSON.createObjectBuilder()
                .add("dataset", v.dataset())
                .add("version", v.version())
                .add("source", v.source())
                .add("cases", v.cases())
                .add("sha256", v.sha256())
                .add("createdBy", v.createdBy())
                .add("createdAt", v.createdAt().toString())
                .build();
    }

    static JsonObject evalCase(EvalCase c) {
        JsonObjectBuilder expected =
                JSON.createObjectBuilder().add("decision", c.expectedDecision().name());
        text(expected, "tool", c.expectedTool());
        text(expected, "action", c.expectedAction());
        if (c.expectedArguments() != null) {
            expected.add("arguments", c.expectedArguments());
        }
        return JSON.createObjectBuilder()
                .add("seq", c.seq())
                .add("key", c.key())
                .add("kind", c.kind().name())
                .add("taskType", c.taskType())
                .add("input", c.input())
                .add("expected", expected)
                .build();
    }

    static JsonObject run(EvalRun r) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", r.id())
                .add("dataset", r.dataset())
                .add("datasetVersion", r.datasetVersion())
                .add("agentId", r.agentId())
                .add("agentVersion", r.agentVersion())
                .add("status", r.status());
        if (r.jobInstanceId() != null) {
            json.add("jobInstanceId", r.jobInstanceId());
        }
        text(json, "policyVersion", r.policyVersion());
        text(json, "configGeneration", r.configGeneration());
        if (r.figures() != null) {
            json.add("figures", figures(r.figures()));
        }
        json.add("createdBy", r.createdBy()).add("createdAt", r.createdAt().toString());
        instant(json, "finishedAt", r.finishedAt());
        return json.build();
    }

    static JsonObject figures(RunFigures f) {
        return JSON.createObjectBuilder()
                .add("cases", f.cases())
                .add("succeeded", f.succeeded())
                .add("toolCorrect", f.toolCorrect())
                .add("compliant", f.compliant())
                .add("escalated", f.escalated())
                .add("failed", f.failed())
                .add("successRate", rate(f.successRate()))
                .add("toolCorrectRate", rate(f.toolCorrectRate()))
                .add("complianceRate", rate(f.complianceRate()))
                .add("escalationRate", rate(f.escalationRate()))
                .add("cost", f.cost())
                .add("costPerCase", f.costPerCase())
                .build();
    }

    static JsonObject result(CaseResult r) {
        CaseScore s = r.score();
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("seq", r.seq())
                .add("key", r.key())
                .add("kind", r.kind().name())
                .add("expectedDecision", r.expectedDecision());
        text(json, "decision", s.decision() == null ? null : s.decision().name());
        json.add("success", s.success())
                .add("toolCorrect", s.toolCorrect())
                .add("compliant", s.compliant())
                .add("cost", s.cost());
        text(json, "error", s.error());
        text(json, "reasons", s.reasons());
        return json.build();
    }

    static JsonObject gate(EvalGate g) {
        return JSON.createObjectBuilder()
                .add("id", g.id())
                .add("verdict", g.verdict().name())
                .add("candidateRun", g.candidateRun())
                .add("currentRun", g.currentRun())
                .add("figures", JsonStrings.object(g.figuresJson()))
                .add("createdBy", g.createdBy())
                .add("createdAt", g.createdAt().toString())
                .build();
    }

    private static BigDecimal rate(double value) {
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private static void text(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }

    private static void instant(JsonObjectBuilder json, String name, Instant value) {
        if (value != null) {
            json.add(name, value.toString());
        }
    }
}
