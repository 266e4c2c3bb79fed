package dev.mandate.execution.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

/**
 * One bulkhead per tenant and tool, on this server: at most the connector's {@code maxConcurrent} calls
 * to a tool at once, so one slow tool cannot take every worker. Keyed by tool for the same reason as
 * {@link ToolCircuitBreakers}.
 */
@ApplicationScoped
public class ToolBulkheads {

    private final ConcurrentMap<String, Semaphore> bulkheads = new ConcurrentHashMap<>();

    /** A permit, or null when the tool has {@code maxConcurrent} calls under way already. */
    public Permit tryEnter(String tenant, String tool, int maxConcurrent) {
        Semaphore semaphore = bulkheads.computeIfAbsent(
                tenant + "/" + tool + "/" + maxConcurrent, key -> new Semaphore(maxConcurrent));
        return semaphore.tryAcquire() ? semaphore::release : null;
    }

    /** Leaving the bulkhead. */
    @FunctionalInterface
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
