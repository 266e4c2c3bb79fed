package dev.mandate.api.escalation;

import dev.mandate.api.json.RequestBody;
import jakarta.json.JsonObject;

/** Arguments to try before resolving with them; none: the agent's own. */
public class CheckRequest implements RequestBody {

    public JsonObject arguments;
}
