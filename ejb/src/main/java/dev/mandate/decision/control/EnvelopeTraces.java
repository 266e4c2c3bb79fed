package dev.mandate.decision.control;

import dev.mandate.platform.sql.Sql;
import dev.mandate.platform.tracing.SpanAttributes;
import dev.mandate.platform.tracing.Step;
import dev.mandate.platform.tracing.TraceParents;
import dev.mandate.platform.tracing.Tracing;
import io.opentelemetry.api.trace.SpanKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Steps people take about an envelope later (an approval, an escalation item's claim or resolution): traced
 * in the request that takes them, with a link to the span that decided the envelope, so a trace viewer
 * leads from one to the other however much later it happens.
 */
@ApplicationScoped
public class EnvelopeTraces {

    @Inject
    Tracing tracing;

    @Inject
    Sql sql;

    public Step followUp(String name, String tenant, String envelopeId) {
        if (!tracing.on()) {
            return Step.OFF;
        }
        String decided = traceparent(tenant, envelopeId);
        return tracing.start(name, SpanKind.INTERNAL, null, decided == null ? List.of() : List.of(decided))
                .set(SpanAttributes.TENANT, tenant)
                .set(SpanAttributes.ENVELOPE_ID, envelopeId);
    }

    /**
     * The span that decided the envelope as a traceparent (where it was not recorded: its trace id with a
     * span id of its own), for what goes out about the envelope later; null for no such envelope.
     */
    public String traceparent(String tenant, String envelopeId) {
        return sql.first(
                        "select trace_id, trace_parent from envelope where id = ? and tenant_id = ?",
                        r -> r.getString(2) != null ? r.getString(2) : TraceParents.unrecorded(r.getString(1)),
                        envelopeId,
                        tenant)
                .orElse(null);
    }
}
