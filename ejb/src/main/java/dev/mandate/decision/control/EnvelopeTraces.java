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
        List<String> links = sql.first(
                        "select trace_id, trace_parent from envelope where id = ? and tenant_id = ?",
                        r -> r.getString(2) != null ? r.getString(2) : TraceParents.unrecorded(r.getString(1)),
                        envelopeId,
                        tenant)
                .map(List::of)
                .orElse(List.of());
        return tracing.start(name, SpanKind.INTERNAL, null, links)
                .set(SpanAttributes.TENANT, tenant)
                .set(SpanAttributes.ENVELOPE_ID, envelopeId);
    }
}
