package dev.mandate.agent.entity;

/** An agent as one request read it: what the decision path needs to know about the caller. */
public record AgentSnapshot(String id, String tenantId, AgentProfile profile, boolean shadowMode) {

    public static AgentSnapshot of(Agent agent) {
        return new AgentSnapshot(agent.id(), agent.tenantId(), agent.profile(), agent.shadowMode());
    }

    public String name() {
        return profile.name();
    }
}
