package dev.mandate.api.security;

import dev.mandate.agent.entity.AgentSnapshot;
import dev.mandate.platform.security.Caller;
import java.util.Optional;

/**
 * What {@link CallerAuthorizationFilter} verified for the request the current thread serves: the caller,
 * and for an agent its ACTIVE record as read for this request. The filter sets it before the resource
 * method runs and clears it when the response leaves.
 *
 * <p>A thread-bound value rather than JAX-RS {@code @Context} parameters (Jersey resolves those through
 * HK2 on every call, ~5% of a decision's CPU) or a request-scoped CDI bean (Payara runs its resource
 * injection for every new instance, ~3%); JFR, BENCHMARKS.md. Resources run on the request's thread.
 */
public record VerifiedCall(Caller caller, AgentSnapshot agentOrNull) {

    private static final ThreadLocal<VerifiedCall> CURRENT = new ThreadLocal<>();

    /** The current request's verified call; only resources behind the filter (any with a role) may ask. */
    public static VerifiedCall current() {
        VerifiedCall call = CURRENT.get();
        if (call == null) {
            throw new IllegalStateException("no verified caller: the resource is not behind CallerAuthorizationFilter");
        }
        return call;
    }

    /** The calling agent as the filter read it (ACTIVE), if the caller is an agent. */
    public Optional<AgentSnapshot> agent() {
        return Optional.ofNullable(agentOrNull);
    }

    static void set(VerifiedCall call) {
        CURRENT.set(call);
    }

    static void clear() {
        CURRENT.remove();
    }
}
