package dev.mandate.api.traceview;

import dev.mandate.api.audit.AuditRecordResponse;
import dev.mandate.api.decision.EnvelopeViews;
import dev.mandate.api.security.AllowedRoles;
import dev.mandate.audit.boundary.AuditTrail;
import dev.mandate.audit.entity.AuditRecord;
import dev.mandate.decision.entity.EnvelopeRecord;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.paging.Page;
import dev.mandate.platform.paging.PageRequest;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import dev.mandate.traceview.boundary.Traces;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/traces")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Runbooks", description = "Incident runbooks: the recorded steps of one trace")
@AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR})
public class TracesResource {

    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final int MAX_AUDIT_RECORDS = 500;

    @Inject
    Traces traces;

    @Inject
    AuditTrail trail;

    @Inject
    EnvelopeViews views;

    @Inject
    Caller caller;

    @GET
    @Path("{traceId}")
    @Operation(
            summary = "Every recorded step of one trace: envelopes with their decision path, approvals, escalations,"
                    + " execution attempts and callbacks, and its audit records (administrators, auditors; audited)")
    public TraceResponse get(@PathParam("traceId") String traceId) {
        if (!TRACE_ID.matcher(traceId).matches()) {
            throw new InvalidRequestException("traceId", "must be a W3C trace id: 32 lowercase hex digits");
        }
        List<EnvelopeRecord> envelopes = traces.envelopes(caller, traceId);
        if (envelopes.isEmpty()
                && trail.records(caller, null, traceId, null, new PageRequest(0, 1))
                        .items()
                        .isEmpty()) {
            throw new ResourceNotFoundException("trace", traceId);
        }
        traces.recordRead(caller, traceId);
        Page<AuditRecord> records = trail.records(caller, null, traceId, null, new PageRequest(0, MAX_AUDIT_RECORDS));
        List<AuditRecordResponse> audit = new ArrayList<>(
                records.items().stream().map(AuditRecordResponse::of).toList());
        Collections.reverse(audit);
        return new TraceResponse(
                traceId,
                envelopes.stream().map(views::explained).toList(),
                traces.callbacks(caller, traceId),
                audit,
                records.total() > records.items().size());
    }
}
