package dev.mandate.api.agent;

import dev.mandate.api.json.KeepsParsedJson;
import dev.mandate.api.json.RequestBody;
import jakarta.json.JsonObject;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code PATCH /api/v1/agents/{id}}: today only the sponsor. {@code "sponsor": null} removes it (the agent
 * may then do nothing until it has one again); a body without {@code sponsor} changes nothing and is refused.
 */
public class SponsorRequest implements RequestBody, KeepsParsedJson {

    @Size(max = 256, message = "must be at most 256 characters")
    @Pattern(regexp = ".*\\S.*", message = "must not be blank (null removes the sponsor)")
    public String sponsor;

    private boolean sponsorSent;

    @Override
    public void keepParsed(JsonObject parsed) {
        sponsorSent = parsed.containsKey("sponsor");
    }

    boolean sponsorSent() {
        return sponsorSent;
    }
}
