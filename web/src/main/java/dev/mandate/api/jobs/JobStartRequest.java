package dev.mandate.api.jobs;

import dev.mandate.api.json.MayBeEmpty;
import jakarta.json.JsonObject;

/** A job's start: optional string parameters, only names the job declares ({@code {"parameters": {..}}}). */
public class JobStartRequest implements MayBeEmpty {

    public JsonObject parameters;
}
