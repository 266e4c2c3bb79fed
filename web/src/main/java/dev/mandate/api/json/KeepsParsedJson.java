package dev.mandate.api.json;

import jakarta.json.JsonObject;

/**
 * A request body that wants the JSON it was bound from, as {@link StrictJsonReader} parsed it, so the body
 * is not written out and parsed again to be stored or hashed.
 */
public interface KeepsParsedJson {

    void keepParsed(JsonObject parsed);
}
