package dev.mandate.api.security;

import dev.mandate.platform.security.Caller;
import dev.mandate.platform.tracing.Step;

/**
 * The caller {@link CallerAuthorizationFilter} verified for the request the current thread serves. The
 * filter sets it before the resource method runs and clears it when the response leaves. {@code trace} is
 * the request's own span where Mandate started one ({@link Step#OFF} otherwise).
 *
 * <p>A thread-bound value rather than JAX-RS {@code @Context} parameters (Jersey resolves those through
 * HK2 on every call, ~5% of a decision's CPU) or a request-scoped CDI bean (Payara runs its resource
 * injection for every new instance, ~3%); JFR, BENCHMARKS.md. Resources run on the request's thread.
 */
public record VerifiedCall(Caller caller, Step trace) {

    private static final ThreadLocal<VerifiedCall> CURRENT = new ThreadLocal<>();

    /** The current request's verified call; only resources behind the filter (any with a role) may ask. */
    public static VerifiedCall current() {
        VerifiedCall call = CURRENT.get();
        if (call == null) {
            throw new IllegalStateException("no verified caller: the resource is not behind CallerAuthorizationFilter");
        }
        return call;
    }

    /** The verified call, or null before (or without) one: for the filter that sets it. */
    static VerifiedCall orNull() {
        return CURRENT.get();
    }

    static void set(VerifiedCall call) {
        CURRENT.set(call);
    }

    static void clear() {
        CURRENT.remove();
    }
}
