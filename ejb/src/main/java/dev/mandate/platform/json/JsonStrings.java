package dev.mandate.platform.json;

import static dev.mandate.platform.json.SharedJson.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.Collection;
import java.util.List;

/** Lists of strings stored as a JSON array in one column, and JSON objects read from a column. */
public final class JsonStrings {

    private JsonStrings() {}

    public static String array(Collection<String> values) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        values.forEach(array::add);
        return array.build().toString();
    }

    public static List<String> list(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        return JSON.createReader(new StringReader(json)).readArray().getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }

    public static JsonObject object(String json) {
        return JSON.createReader(new StringReader(json)).readObject();
    }
}
