package dev.mandate.audit.boundary;

import dev.mandate.audit.control.AuditAppender;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.platform.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * Reads of evidence (an explain view, a trace, an audit export) are themselves audited: who read what, when.
 * Each is recorded in a transaction of its own before the data is answered, so a read that cannot be recorded
 * is not answered. The record goes to the reader's chain (no agent), never holding an agent's chain lock.
 */
@Stateless
public class AuditedReads {

    @Inject
    AuditAppender appender;

    /** @param action {@code envelope.explained}, {@code audit.trace-read}, {@code audit.exported} */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(Caller caller, String action, String traceId, Map<String, String> details) {
        appender.append(new AuditEntry(
                caller.tenant(), caller.subject(), null, null, traceId, action, "OK", List.of(), null, null, details));
    }
}
