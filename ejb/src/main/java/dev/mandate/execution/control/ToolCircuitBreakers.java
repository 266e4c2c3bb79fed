package dev.mandate.execution.control;

import dev.mandate.metrics.control.MandateMetrics;
import dev.mandate.platform.config.ConfigKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One circuit breaker per tenant and tool, on this server: after {@code mandate.execution.breaker.failures}
 * failures of the tool in a row (no answer, 408/429/5xx, unreachable) calls to it stop for {@code
 * mandate.execution.breaker.open-seconds}; then one trial call decides whether it closes again.
 * MicroProfile Fault Tolerance keeps one breaker per annotated method, whatever the arguments, so a
 * breaker per tool is kept here, by key.
 */
@ApplicationScoped
public class ToolCircuitBreakers {

    private final ConcurrentMap<String, Breaker> breakers = new ConcurrentHashMap<>();

    @Inject
    MandateMetrics metrics;

    /** When the breaker is open: the time it lets a trial call through. Empty when the call may go. */
    public Optional<Instant> blockedUntil(String tenant, String tool) {
        Breaker breaker = breaker(tenant, tool);
        Optional<Instant> blocked = breaker.admit(Instant.now());
        metrics.circuit(tenant, tool, breaker.state());
        return blocked;
    }

    public void record(String tenant, String tool, boolean toolFailed) {
        Breaker breaker = breaker(tenant, tool);
        if (toolFailed) {
            breaker.failed(
                    Instant.now(),
                    ConfigKey.EXECUTION_BREAKER_FAILURES.get(Integer.class),
                    ConfigKey.EXECUTION_BREAKER_OPEN_SECONDS.get(Integer.class));
        } else {
            breaker.succeeded();
        }
        metrics.circuit(tenant, tool, breaker.state());
    }

    private Breaker breaker(String tenant, String tool) {
        return breakers.computeIfAbsent(tenant + "/" + tool, key -> new Breaker());
    }

    static final class Breaker {
        private int failuresInARow;
        private Instant openUntil;
        private boolean trialUnderway;

        /** 0 closed, 1 half open (a trial call under way), 2 open. */
        synchronized int state() {
            return openUntil == null ? 0 : trialUnderway ? 1 : 2;
        }

        synchronized Optional<Instant> admit(Instant now) {
            if (openUntil == null) {
                return Optional.empty();
            }
            if (now.isBefore(openUntil) || trialUnderway) {
                return Optional.of(now.isBefore(openUntil) ? openUntil : now.plusSeconds(1));
            }
            trialUnderway = true;
            return Optional.empty();
        }

        synchronized void failed(Instant now, int threshold, int openSeconds) {
            failuresInARow++;
            if (trialUnderway || failuresInARow >= threshold) {
                openUntil = now.plusSeconds(openSeconds);
                trialUnderway = false;
            }
        }

        synchronized void succeeded() {
            failuresInARow = 0;
            openUntil = null;
            trialUnderway = false;
        }
    }
}
