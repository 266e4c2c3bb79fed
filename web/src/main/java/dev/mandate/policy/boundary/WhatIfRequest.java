package dev.mandate.policy.boundary;

import dev.mandate.api.json.RequestBody;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A draft rule and the inputs to try it on. */
public class WhatIfRequest implements RequestBody {

    public static final int MAX_SAMPLES = 200;

    @NotNull(message = "is required: the draft rule")
    public PolicyRuleRequest rule;

    @NotNull(message = "is required: a list of inputs")
    @Size(min = 1, max = MAX_SAMPLES, message = "must hold 1 to " + MAX_SAMPLES + " inputs")
    public List<@NotNull(message = "must not be null") PolicySample> samples;
}
