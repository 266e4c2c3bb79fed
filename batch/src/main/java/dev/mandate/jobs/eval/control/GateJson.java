package dev.mandate.jobs.eval.control;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.jobs.eval.entity.EvalRun;
import dev.mandate.jobs.eval.entity.GateFigures;
import dev.mandate.jobs.eval.entity.RunFigures;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** A gate's figures as the JSON stored with it and answered by the API. */
public final class GateJson {

    private GateJson() {}

    public static JsonObject of(GateFigures f, EvalRun candidate, EvalRun current) {
        return JSON.createObjectBuilder()
                .add("verdict", f.verdict().name())
                .add("reason", f.reason())
                .add("candidate", run(candidate, f.candidate()))
                .add("current", run(current, f.current()))
                .add("successDropPoints", round(f.successDropPoints()))
                .add("thresholdPoints", round(f.thresholdPoints()))
                .add("pairedCases", f.pairedCases())
                .add("candidateWorse", f.candidateWorse())
                .add("candidateBetter", f.candidateBetter())
                .add("pValue", f.pValue())
                .add("pValueTwoSided", f.pValueTwoSided())
                .add("alpha", f.alpha())
                .add("minimumCases", f.minimumCases())
                .add("test", f.test())
                .add("assumptions", f.assumptions())
                .build();
    }

    private static JsonObjectBuilder run(EvalRun run, RunFigures r) {
        return JSON.createObjectBuilder()
                .add("run", run.id())
                .add("agentId", run.agentId())
                .add("agentVersion", run.agentVersion())
                .add("dataset", run.dataset())
                .add("datasetVersion", run.datasetVersion())
                .add("policyVersion", run.policyVersion() == null ? "" : run.policyVersion())
                .add("cases", r.cases())
                .add("succeeded", r.succeeded())
                .add("successRate", round(r.successRate()))
                .add("escalationRate", round(r.escalationRate()))
                .add("complianceRate", round(r.complianceRate()))
                .add("toolCorrectRate", round(r.toolCorrectRate()))
                .add("failed", r.failed())
                .add("cost", r.cost())
                .add("costPerCase", r.costPerCase());
    }

    private static BigDecimal round(double value) {
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
