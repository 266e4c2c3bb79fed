package dev.mandate.scim;

import dev.mandate.platform.security.Versions;
import dev.mandate.scim.error.ScimProblem;

/** {@code If-Match} for SCIM: optional (no header, no check); {@code *} any; {@code W/"n"} or {@code "n"}. */
public final class ETags {

    private ETags() {}

    /** The version an If-Match names, null without one; a value that can never match is 412. */
    public static Long expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.equals("*")) {
            return Versions.ANY;
        }
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            long version = Long.parseLong(tag);
            if (version >= 0) {
                return version;
            }
        } catch (NumberFormatException ignored) {
            // falls through: no resource ever has this ETag
        }
        throw new ScimProblem(412, null, "If-Match " + ifMatch + " matches no version of this resource.");
    }

    /** What to hand a boundary: the version named, or any when the client sent no If-Match. */
    public static long orAny(Long expected) {
        return expected == null ? Versions.ANY : expected;
    }
}
