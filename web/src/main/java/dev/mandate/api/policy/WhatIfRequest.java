package dev.mandate.api.policy;

import dev.mandate.api.json.RequestBody;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A draft rule and the inputs to try it on: given samples, or the tenant's recent envelopes. */
public class WhatIfRequest implements RequestBody {

    public static final int MAX_SAMPLES = 200;

    @NotNull(message = "is required: the draft rule")
    public PolicyRuleRequest rule;

    /** Inputs to try the draft on; or leave out and give {@code recent}. */
    @Size(min = 1, max = MAX_SAMPLES, message = "must hold 1 to " + MAX_SAMPLES + " inputs")
    public List<@NotNull(message = "must not be null") PolicySample> samples;

    /** Try the draft on the tenant's most recent envelopes (as the rules would see them now). */
    @Min(value = 1, message = "must be 1 to " + MAX_SAMPLES)
    @Max(value = MAX_SAMPLES, message = "must be 1 to " + MAX_SAMPLES)
    public Integer recent;
}
