package dev.mandate.api.audit;

import dev.mandate.audit.verify.FirstBad;
import dev.mandate.audit.verify.Verification;
import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/audit/verify}: {@code firstBad} is null when the audit is valid, else
 * the first bad record of the lowest-numbered broken chain; {@code problems} has the first bad record of
 * every broken chain.
 */
@JsonbNillable
public record VerificationResponse(
        boolean valid,
        long recordsChecked,
        int chains,
        long checkpointsChecked,
        FirstBad firstBad,
        List<FirstBad> problems) {

    static VerificationResponse of(Verification verification) {
        return new VerificationResponse(
                verification.valid(),
                verification.recordsChecked(),
                verification.chains(),
                verification.checkpointsChecked(),
                verification.firstBad(),
                verification.problems());
    }
}
