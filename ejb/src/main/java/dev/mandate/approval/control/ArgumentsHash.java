package dev.mandate.approval.control;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What an approval is bound to: the SHA-256 of the arguments in the envelope's canonical form (members
 * sorted, compact, as stored). Another argument is another hash, and needs another request.
 */
public final class ArgumentsHash {

    private ArgumentsHash() {}

    /** The hash of an envelope's arguments; {@code envelope} is canonical (as the API stores it). */
    public static String ofEnvelope(JsonObject envelope) {
        return of(envelope.getJsonObject("requestedAction").getJsonObject("arguments"));
    }

    /** The hash of canonical arguments. */
    public static String of(JsonObject canonicalArguments) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonicalArguments.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
