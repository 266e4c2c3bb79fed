package dev.mandate.api.json;

import static dev.mandate.platform.json.SharedJson.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/** Key-sorted JSON, so two bodies that differ only in key order count as the same request. */
public final class CanonicalJson {

    private CanonicalJson() {}

    public static JsonValue sorted(JsonValue value) {
        if (value instanceof JsonObject object) {
            JsonObjectBuilder builder = JSON.createObjectBuilder();
            new TreeMap<>(object).forEach((key, child) -> builder.add(key, sorted(child)));
            return builder.build();
        }
        if (value instanceof JsonArray array) {
            JsonArrayBuilder builder = JSON.createArrayBuilder();
            array.forEach(child -> builder.add(sorted(child)));
            return builder.build();
        }
        return value;
    }

    public static int depth(JsonValue value) {
        if (value instanceof JsonObject object) {
            return 1
                    + object.values().stream()
                            .mapToInt(CanonicalJson::depth)
                            .max()
                            .orElse(0);
        }
        if (value instanceof JsonArray array) {
            return 1 + array.stream().mapToInt(CanonicalJson::depth).max().orElse(0);
        }
        return 0;
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
