package dev.mandate.jobs.rollup.entity;

import java.math.BigDecimal;

/** The customer's baseline figures the ROI needs: cost per item, handling time per item, a person's hourly rate. */
public record RoiInputs(BigDecimal costPerItem, BigDecimal handlingMinutes, BigDecimal hourlyRate) {}
