package dev.mandate.api.alert;

import dev.mandate.api.json.RequestBody;
import jakarta.validation.constraints.Size;

/** Why a person acknowledges or resolves an alert (optional). */
public class AlertNoteRequest implements RequestBody {

    @Size(max = 2000, message = "must be at most 2000 characters")
    public String reason;
}
