package dev.mandate.baseline.entity;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * What a workflow's work (or one task type's) costs today without Mandate, as the customer measured it.
 * {@code taskType} null: the whole workflow. Cost per item, handling time and a person's hourly rate are
 * the ROI's inputs; weekly volume, SLA target and backlog are shown beside it.
 */
public record Baseline(
        String id,
        String workflow,
        String taskType,
        Long weeklyVolume,
        Long slaTargetMinutes,
        BigDecimal costPerItem,
        BigDecimal handlingMinutes,
        Long backlog,
        BigDecimal hourlyRate,
        long version,
        OffsetDateTime updatedAt,
        String updatedBy) {

    /** The figures a client sets. */
    public record Figures(
            String workflow,
            String taskType,
            Long weeklyVolume,
            Long slaTargetMinutes,
            BigDecimal costPerItem,
            BigDecimal handlingMinutes,
            Long backlog,
            BigDecimal hourlyRate) {}
}
