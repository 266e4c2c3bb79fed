package dev.mandate.api.alert;

import dev.mandate.api.json.MayBeEmpty;
import jakarta.validation.constraints.Size;

/** Why a person acknowledges or resolves an alert (optional; the body may be empty). */
public class AlertNoteRequest implements MayBeEmpty {

    @Size(max = 2000, message = "must be at most 2000 characters")
    public String reason;
}
