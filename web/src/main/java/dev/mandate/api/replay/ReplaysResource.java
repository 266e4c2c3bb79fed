package dev.mandate.api.replay;

import dev.mandate.api.http.Cursor;
import dev.mandate.api.security.AllowedRoles;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.Violation;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import dev.mandate.replay.boundary.Replays;
import dev.mandate.replay.entity.Replay;
import dev.mandate.replay.entity.ReplaySelection;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/replays")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Runbooks", description = "Incident runbooks: replay stored envelopes through today's policy")
@AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR})
public class ReplaysResource {

    @Inject
    Replays replays;

    @Inject
    Caller caller;

    @POST
    @Operation(
            summary = "Decide stored envelopes (one, a task's, or a time window's) again under the current policy in"
                    + " dry run: what would change, per envelope and in sum; only the replay itself is audited")
    public ReplayResponse replay(@Valid ReplayRequest request) {
        if (request == null) {
            throw new InvalidRequestException("body", "give envelopeId, taskId, or from and to");
        }
        long given = Stream.of(
                        request.envelopeId, request.taskId, request.from != null || request.to != null ? "" : null)
                .filter(v -> v != null)
                .count();
        if (given != 1) {
            throw new InvalidRequestException("body", "give exactly one of envelopeId, taskId, or from and to");
        }
        int max = ConfigKey.REPLAY_MAX_ENVELOPES.get(Integer.class);
        int limit = request.limit == null ? max : request.limit;
        if (limit > max) {
            throw new InvalidRequestException(
                    ProblemType.UNPROCESSABLE,
                    "limit: a replay decides at most " + max + " envelopes; page on with nextCursor",
                    List.of(new Violation("limit", "must be at most " + max)));
        }
        OffsetDateTime from = null;
        OffsetDateTime to = null;
        if (request.envelopeId == null && request.taskId == null) {
            if (request.from == null || request.to == null) {
                throw new InvalidRequestException(request.from == null ? "from" : "to", "a window needs from and to");
            }
            from = instant("from", request.from);
            to = instant("to", request.to);
            if (!from.isBefore(to)) {
                throw new InvalidRequestException("to", "must be after from");
            }
        }
        if (request.envelopeId != null && (request.agentId != null || request.cursor != null)) {
            throw new InvalidRequestException("envelopeId", "replays one envelope: agentId and cursor do not apply");
        }
        Cursor cursor = Cursor.decode("cursor", request.cursor);
        Replay replay = replays.replay(
                caller,
                new ReplaySelection(
                        request.envelopeId,
                        request.taskId,
                        request.agentId,
                        from,
                        to,
                        limit,
                        cursor == null ? null : cursor.at().atOffset(ZoneOffset.UTC),
                        cursor == null ? null : cursor.id()));
        return ReplayResponse.of(replay);
    }

    private static OffsetDateTime instant(String field, String value) {
        try {
            return OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(
                    field, "must be an ISO-8601 instant with an offset, e.g. 2026-12-03T08:00:00Z");
        }
    }
}
