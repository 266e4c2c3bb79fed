package dev.mandate.platform.change;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs something once the running transaction committed (at once where none runs): what reports a change
 * (a metric, a log event) must not report one that rolled back. A failure of it is logged, never thrown
 * into the commit.
 */
@ApplicationScoped
public class AfterCommit {

    private static final Logger LOG = Logger.getLogger(AfterCommit.class.getName());

    @Resource
    TransactionSynchronizationRegistry transactions;

    public void run(Runnable work) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            safely(work);
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    safely(work);
                }
            }
        });
    }

    private static void safely(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "reporting a committed change failed", failed);
        }
    }
}
