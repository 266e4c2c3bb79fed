package dev.mandate.readiness.entity;

/**
 * An agent that works on a workflow, with its current version and the version a rollback would put back
 * (the one current before it).
 *
 * @param currentVersion null: no version was ever made current
 * @param previousVersion null: nothing to roll back to
 */
public record AgentRollback(String agentId, String name, String currentVersion, String previousVersion) {

    public boolean canRollBack() {
        return currentVersion != null && previousVersion != null;
    }
}
