package dev.mandate.budget.entity;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A budget's standing in its current period: everything reserved ({@code spent}, which includes what is
 * held), the part of it held for decisions awaiting approval, and what is left.
 */
public record BudgetUsage(LocalDate periodStart, BigDecimal spent, BigDecimal heldForApproval, BigDecimal remaining) {}
