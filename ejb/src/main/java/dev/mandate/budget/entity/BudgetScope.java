package dev.mandate.budget.entity;

public enum BudgetScope {
    TENANT,
    AGENT
}
