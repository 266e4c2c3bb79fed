package dev.mandate.notification.entity;

import dev.mandate.platform.error.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a page of the delivery log ends: the last delivery's creation time and id. The log is ordered by
 * both, newest first, so the next page starts strictly after it whatever was added meanwhile. Opaque to
 * clients (base64url of {@code <epoch millis>:<id>}).
 */
public record DeliveryCursor(Instant createdAt, String id) {

    private static final Pattern FORM = Pattern.compile("(\\d{1,15}):([0-9a-f-]{36})");

    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((createdAt.toEpochMilli() + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor a page handed out; anything else is 400 naming {@code cursor}. */
    public static DeliveryCursor decode(String cursor) {
        if (cursor.length() > 100) {
            throw malformed();
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException notBase64) {
            throw malformed();
        }
        Matcher matcher = FORM.matcher(text);
        if (!matcher.matches()) {
            throw malformed();
        }
        return new DeliveryCursor(Instant.ofEpochMilli(Long.parseLong(matcher.group(1))), matcher.group(2));
    }

    private static InvalidRequestException malformed() {
        return new InvalidRequestException("cursor", "is not a cursor of this log (use nextCursor as given)");
    }
}
