package dev.mandate.platform.concurrent;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.spi.ThreadContextProvider;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * Hands work to a container's managed executor, with the submitter's context as usual, minus one cost:
 * Payara captures a task's context by looking up {@link ThreadContextProvider} services through the
 * submitter's context class loader, every time. With an enterprise archive's class loaders that lookup
 * walks every library and server module under a lock, and finds nothing: Mandate defines no custom thread
 * context. Measured at 300 executed calls/s, it was a seventh of the server's CPU (BENCHMARKS.md). While
 * the task is handed over, the submitter's context class loader is one that answers that lookup with no
 * services and delegates everything else; the task itself runs with the submitter's own loader.
 */
@ApplicationScoped
public class ContainerTasks {

    static final String PROVIDERS = "META-INF/services/" + ThreadContextProvider.class.getName();

    private final Map<ClassLoader, ClassLoader> withoutProviders = new ConcurrentHashMap<>();

    /**
     * Runs {@code work} on {@code executor} in the submitter's context.
     *
     * @throws RejectedExecutionException when the executor takes no more work
     */
    public void execute(ManagedExecutorService executor, Runnable work) {
        Thread submitter = Thread.currentThread();
        ClassLoader own = submitter.getContextClassLoader();
        if (own == null) {
            executor.execute(work);
            return;
        }
        submitter.setContextClassLoader(withoutProviders.computeIfAbsent(own, NoThreadContextProviders::new));
        try {
            executor.execute(() -> {
                Thread.currentThread().setContextClassLoader(own);
                work.run();
            });
        } finally {
            submitter.setContextClassLoader(own);
        }
    }

    /** A class loader that is its parent, except that it has no thread context providers to offer. */
    static final class NoThreadContextProviders extends ClassLoader {

        NoThreadContextProviders(ClassLoader parent) {
            super(parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return PROVIDERS.equals(name) ? Collections.emptyEnumeration() : super.getResources(name);
        }
    }
}
