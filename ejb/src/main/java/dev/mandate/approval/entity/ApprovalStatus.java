package dev.mandate.approval.entity;

/** Where an approval request stands. Only PENDING changes. */
public enum ApprovalStatus {
    PENDING,
    APPROVED,
    REJECTED,
    /** nobody decided in time and the SLA class denies on expiry (or after its fallback approvers) */
    EXPIRED
}
