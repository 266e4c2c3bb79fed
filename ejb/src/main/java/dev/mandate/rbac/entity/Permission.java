package dev.mandate.rbac.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/**
 * Leave to use (or, on an approver role, to approve) one action of one tool. {@code *} as the action
 * covers every action of the tool.
 */
@Embeddable
public class Permission {
    public static final String ANY_ACTION = "*";

    @Column(nullable = false)
    private String tool;

    @Column(nullable = false)
    private String action;

    protected Permission() {}

    public Permission(String tool, String action) {
        this.tool = tool;
        this.action = action;
    }

    public String tool() {
        return tool;
    }

    public String action() {
        return action;
    }

    public boolean covers(String requestedTool, String requestedAction) {
        return tool.equals(requestedTool) && (ANY_ACTION.equals(action) || action.equals(requestedAction));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Permission that && tool.equals(that.tool) && action.equals(that.action);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tool, action);
    }
}
