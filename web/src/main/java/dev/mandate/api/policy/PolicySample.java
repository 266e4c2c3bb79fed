package dev.mandate.api.policy;

import dev.mandate.policy.control.PolicyInput;
import java.util.Map;

/** One input for a what-if run: the same maps the decision path hands to the rules. */
public class PolicySample {

    public Map<String, Object> envelope;
    public Map<String, Object> args;
    public Map<String, Object> agent;
    public Map<String, Object> task;
    public Map<String, Object> budget;
    public Map<String, Object> context;
    public Map<String, Object> rate;

    PolicyInput toInput() {
        return new PolicyInput(envelope, args, agent, task, budget, context, rate);
    }
}
