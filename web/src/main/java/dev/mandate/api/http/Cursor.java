package dev.mandate.api.http;

import dev.mandate.platform.error.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A stable position in a list ordered by (time, id): opaque to clients, so items that arrive meanwhile
 * neither repeat nor skip others, as offsets would.
 */
public record Cursor(Instant at, String id) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,36}");

    public String encode() {
        String plain = at.getEpochSecond() + "." + at.getNano() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Null for no cursor; 400 for one this API did not hand out. */
    public static Cursor decode(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() > 200) {
                throw new IllegalArgumentException("too long");
            }
            String plain = new String(Base64.getUrlDecoder().decode(value.trim()), StandardCharsets.UTF_8);
            int bar = plain.indexOf('|');
            String[] time = plain.substring(0, bar).split("\\.");
            String id = plain.substring(bar + 1);
            if (time.length != 2 || !ID.matcher(id).matches()) {
                throw new IllegalArgumentException("malformed");
            }
            return new Cursor(Instant.ofEpochSecond(Long.parseLong(time[0]), Long.parseLong(time[1])), id);
        } catch (RuntimeException malformed) {
            throw new InvalidRequestException(name, "must be a cursor from this list's nextCursor");
        }
    }
}
