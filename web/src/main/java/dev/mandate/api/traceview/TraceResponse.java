package dev.mandate.api.traceview;

import dev.mandate.api.audit.AuditRecordResponse;
import dev.mandate.traceview.entity.TraceCallback;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * One trace's recorded steps: each envelope explained (decision path, approvals, escalations, execution
 * attempts), the executions' callbacks, and the trace's audit records, oldest first ({@code auditTruncated}:
 * more than shown, page them at {@code /api/v1/audit/records?traceId=}).
 */
public record TraceResponse(
        String traceId,
        List<JsonObject> envelopes,
        List<TraceCallback> callbacks,
        List<AuditRecordResponse> audit,
        boolean auditTruncated) {}
