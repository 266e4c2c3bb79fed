package dev.mandate.api.audit;

import dev.mandate.api.http.PageResponse;
import dev.mandate.api.http.Paging;
import dev.mandate.api.http.QueryParams;
import dev.mandate.api.security.AllowedRoles;
import dev.mandate.audit.boundary.AuditCheckpoints;
import dev.mandate.audit.boundary.AuditTrail;
import dev.mandate.audit.boundary.AuditVerification;
import dev.mandate.audit.boundary.AuditedReads;
import dev.mandate.audit.verify.ExportFormat;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Audit",
        description = "The tamper-evident audit: records, verification, export for offline verification, sealing")
@AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR})
public class AuditResource {

    @Inject
    AuditTrail trail;

    @Inject
    AuditVerification verification;

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    AuditedReads reads;

    @Inject
    Caller caller;

    @GET
    @Path("records")
    @Operation(summary = "The tenant's audit records, newest first; filter by agentId, traceId, action")
    public PageResponse<AuditRecordResponse> records(
            @QueryParam("agentId") String agentId,
            @QueryParam("traceId") String traceId,
            @QueryParam("action") String action,
            @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        return PageResponse.of(trail.records(
                        caller,
                        QueryParams.text("agentId", agentId, 128, null),
                        QueryParams.text("traceId", traceId, 128, null),
                        QueryParams.text("action", action, 100, null),
                        Paging.of(offset, limit))
                .map(AuditRecordResponse::of));
    }

    @GET
    @Path("verify")
    @Operation(
            summary =
                    "Verify the tenant's audit: hash chains, signed checkpoints, chain heads; names the first bad record")
    public VerificationResponse verify() {
        return VerificationResponse.of(verification.verify(caller));
    }

    @GET
    @Path("export")
    @Produces(ExportFormat.MEDIA_TYPE)
    @Operation(
            summary =
                    "The tenant's audit as JSON Lines (the export is audited first): records with hashes, signed checkpoints, the public key"
                            + " (verify offline with dev.mandate.audit.verify.OfflineAuditVerifier)")
    public Response export() {
        reads.record(caller, "audit.exported", null, Map.of("format", ExportFormat.MEDIA_TYPE));
        StreamingOutput body = output -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            verification.export(caller, writer);
            writer.flush();
        };
        return Response.ok(body, ExportFormat.MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-" + caller.tenant() + ".jsonl\"")
                .build();
    }

    @POST
    @Path("checkpoints")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Seal every chain of the tenant now with a signed checkpoint (audited)")
    public List<CheckpointResponse> seal() {
        return checkpoints.sealTenant(caller).stream()
                .map(CheckpointResponse::of)
                .toList();
    }
}
