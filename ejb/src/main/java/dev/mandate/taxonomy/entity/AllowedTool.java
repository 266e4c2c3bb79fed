package dev.mandate.taxonomy.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/** A tool action a task type may use; action {@code *} allows every action of the tool. */
@Embeddable
public class AllowedTool {

    @Column(name = "tool_key", nullable = false)
    private String tool;

    @Column(name = "action_key", nullable = false)
    private String action;

    protected AllowedTool() {}

    public AllowedTool(String tool, String action) {
        this.tool = tool;
        this.action = action;
    }

    public String tool() {
        return tool;
    }

    public String action() {
        return action;
    }

    public boolean allows(String requestedTool, String requestedAction) {
        return tool.equals(requestedTool) && ("*".equals(action) || action.equals(requestedAction));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AllowedTool that && tool.equals(that.tool) && action.equals(that.action);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tool, action);
    }
}
