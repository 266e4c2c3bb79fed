package dev.mandate.configuration.control;

import dev.mandate.audit.control.AuditAppender;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.platform.change.ConfigGenerations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Records a change of a tenant's configuration in the caller's transaction: moves the tenant's
 * configuration generation on (what decisions cached at the old one is read afresh by every server at
 * the next decision) and appends the change's audit record. Both commit or roll back with the change.
 * Every boundary that changes configuration records it here; the audit refuses a configuration change
 * whose generation did not move.
 */
@ApplicationScoped
public class ConfigurationChanges {

    @Inject
    ConfigGenerations generations;

    @Inject
    AuditAppender appender;

    /** Call as the last step of the change: the audit append holds its chain's lock until the commit. */
    @Transactional(TxType.MANDATORY)
    public void record(AuditEntry change) {
        generations.advance(change.tenant());
        appender.append(change);
    }
}
