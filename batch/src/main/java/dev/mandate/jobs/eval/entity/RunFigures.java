package dev.mandate.jobs.eval.entity;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A run's totals over its cases; rates are shares of all cases (a failed case counts as unsuccessful). */
public record RunFigures(
        int cases, int succeeded, int toolCorrect, int compliant, int escalated, int failed, BigDecimal cost) {

    public double successRate() {
        return share(succeeded);
    }

    public double toolCorrectRate() {
        return share(toolCorrect);
    }

    public double complianceRate() {
        return share(compliant);
    }

    public double escalationRate() {
        return share(escalated);
    }

    public BigDecimal costPerCase() {
        return cases == 0 ? BigDecimal.ZERO : cost.divide(BigDecimal.valueOf(cases), 6, RoundingMode.HALF_UP);
    }

    private double share(int count) {
        return cases == 0 ? 0 : (double) count / cases;
    }
}
