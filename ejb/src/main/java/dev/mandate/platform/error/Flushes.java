package dev.mandate.platform.error;

import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.util.function.Supplier;

/**
 * Writes pending changes now, inside the boundary, so the database's refusals become the API's answers
 * instead of a 500 at commit: a lost optimistic-lock race ({@code @Version}) becomes {@code stale}, a
 * unique or foreign-key violation becomes {@code conflict}.
 */
public final class Flushes {

    private Flushes() {}

    public static void flush(
            EntityManager em,
            Supplier<? extends MandateException> stale,
            Supplier<? extends MandateException> conflict) {
        try {
            em.flush();
        } catch (OptimisticLockException raced) {
            throw stale.get();
        } catch (PersistenceException failure) {
            if (ConstraintViolations.isIntegrityViolation(failure)) {
                throw conflict.get();
            }
            throw failure;
        }
    }

    /** The same answer for both: a write that raced another one, to be retried. */
    public static void flush(EntityManager em, Supplier<? extends MandateException> raced) {
        flush(em, raced, raced);
    }
}
