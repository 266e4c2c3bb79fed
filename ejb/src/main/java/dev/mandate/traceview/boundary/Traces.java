package dev.mandate.traceview.boundary;

import dev.mandate.audit.boundary.AuditedReads;
import dev.mandate.decision.entity.Envelope;
import dev.mandate.decision.entity.EnvelopeRecord;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.sql.Sql;
import dev.mandate.traceview.entity.TraceCallback;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The recorded steps of one trace, read from the database: its envelopes (each with its decision path, human
 * path and execution, assembled by the caller) and their callbacks. Every read is audited first.
 */
@Stateless
public class Traces {

    /** Most envelopes one trace view shows (a trace is one envelope and what people and retries made of it). */
    public static final int MAX_ENVELOPES = 100;

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @Inject
    Sql sql;

    @EJB
    AuditedReads reads;

    public void recordRead(Caller caller, String traceId) {
        reads.record(caller, "audit.trace-read", traceId, Map.of("traceId", traceId));
    }

    /** The trace's envelopes in the caller's tenant, oldest first. */
    public List<EnvelopeRecord> envelopes(Caller caller, String traceId) {
        return em
                .createQuery(
                        "select e from Envelope e where e.tenantId = :tenant and e.traceId = :trace"
                                + " order by e.createdAt, e.id",
                        Envelope.class)
                .setParameter("tenant", caller.tenant())
                .setParameter("trace", traceId)
                .setMaxResults(MAX_ENVELOPES)
                .getResultList()
                .stream()
                .map(Envelope::record)
                .toList();
    }

    /** The callbacks of the trace's executions. */
    public List<TraceCallback> callbacks(Caller caller, String traceId) {
        return sql.list(
                "select c.execution_id, x.envelope_id, c.url, c.status, c.attempts, c.last_error, c.delivered_at"
                        + " from execution_callback c join execution x on x.id = c.execution_id"
                        + " where x.tenant_id = ? and x.trace_id = ? order by x.created_at, c.execution_id",
                row -> new TraceCallback(
                        row.getString(1),
                        row.getString(2),
                        origin(row.getString(3)),
                        row.getString(4),
                        row.getInt(5),
                        row.getString(6),
                        row.getObject(7, OffsetDateTime.class)),
                caller.tenant(),
                traceId);
    }

    /** A callback URL's scheme and host only: its path or query may carry what the agent keeps secret. */
    private static String origin(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException unparsable) {
            return "[unparsable]";
        }
    }
}
