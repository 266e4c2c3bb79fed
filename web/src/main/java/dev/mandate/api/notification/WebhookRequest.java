package dev.mandate.api.notification;

import dev.mandate.api.json.RequestBody;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A subscription as written: where, which event types, and whether it is on. */
public class WebhookRequest implements RequestBody {

    /** Where events are sent: an absolute http(s) URL on a host the operator allows. */
    @NotBlank(message = "is required")
    @Size(max = 2000, message = "must be at most 2000 characters")
    public String url;

    /** Event types (e.g. {@code approval.created}), or {@code ["*"]} for every one. */
    @NotNull(message = "is required: event types, or [\"*\"] for every one")
    @Size(min = 1, max = 20, message = "must list 1 to 20 event types")
    public List<
                    @NotNull(message = "must not be null") @Size(max = 64, message = "must be at most 64 characters")
                    String>
            eventTypes;

    /** Absent: true. */
    public Boolean enabled;

    boolean isEnabled() {
        return enabled == null || enabled;
    }
}
