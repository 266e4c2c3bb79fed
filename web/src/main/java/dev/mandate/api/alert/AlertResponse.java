package dev.mandate.api.alert;

import dev.mandate.alert.entity.Alert;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** An alert as answered. */
public record AlertResponse(
        String id,
        String rule,
        String metric,
        String key,
        String status,
        BigDecimal value,
        BigDecimal peakValue,
        BigDecimal baselineMean,
        BigDecimal baselineDeviation,
        BigDecimal limit,
        String firedAt,
        String lastFiringAt,
        int firingEvaluations,
        String updatedAt,
        String acknowledgedAt,
        String acknowledgedBy,
        String acknowledgeNote,
        String resolvedAt,
        String resolvedBy,
        String resolutionReason) {

    static AlertResponse of(Alert a) {
        return new AlertResponse(
                a.id(),
                a.rule(),
                a.metric().name(),
                a.key(),
                a.status().name(),
                plain(a.currentValue()),
                plain(a.peakValue()),
                plain(a.baselineMean()),
                plain(a.baselineDeviation()),
                plain(a.limitValue()),
                text(a.firedAt()),
                text(a.lastFiringAt()),
                a.firingEvaluations(),
                text(a.updatedAt()),
                text(a.acknowledgedAt()),
                a.acknowledgedBy(),
                a.acknowledgeNote(),
                text(a.resolvedAt()),
                a.resolvedBy(),
                a.resolutionReason());
    }

    private static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static String text(OffsetDateTime at) {
        return at == null ? null : at.toInstant().toString();
    }
}
