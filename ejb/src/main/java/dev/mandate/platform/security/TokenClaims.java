package dev.mandate.platform.security;

import dev.mandate.platform.error.ProblemType;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the claims of a verified token into a {@link Caller}, or says why not. Any claim may be missing or
 * of any JSON type, as plain Java values or JSON-P values (a signed token is still the client's input): a
 * missing {@code groups} is no group, a non-string group is ignored, and nothing here throws. The API's and
 * SCIM's filters both read their callers here.
 */
public final class TokenClaims {

    /** Longest subject: the audit's actor column. */
    public static final int MAX_SUBJECT = 256;
    /** Longest agent subject: an agent's id. */
    public static final int MAX_AGENT_SUBJECT = 36;

    /** A caller, or the problem (type and detail) the request is refused with. */
    public record Outcome(Caller caller, ProblemType refusal, String detail) {

        static Outcome refused(ProblemType type, String detail) {
            return new Outcome(null, type, detail);
        }
    }

    private TokenClaims() {}

    public static Outcome caller(
            Map<String, ?> claims, List<String> rolesAllowed, String tenantClaim, long skewSeconds, long nowSeconds) {
        Long notBefore = number(claim(claims, "nbf"));
        if (notBefore != null && notBefore > nowSeconds + skewSeconds) {
            return Outcome.refused(ProblemType.UNAUTHENTICATED, "The token is not valid yet (nbf).");
        }
        String tenant = string(claim(claims, tenantClaim));
        if (!TenantId.isValid(tenant)) {
            return Outcome.refused(
                    ProblemType.UNAUTHENTICATED, "The token carries no valid '" + tenantClaim + "' claim.");
        }
        String subject = string(claim(claims, "sub"));
        if (!validSubject(subject, MAX_SUBJECT)) {
            return Outcome.refused(
                    ProblemType.UNAUTHENTICATED,
                    "The token's 'sub' claim must be 1 to " + MAX_SUBJECT + " characters without control characters.");
        }
        Set<String> groups = groups(claims);
        if (rolesAllowed.stream().noneMatch(groups::contains)) {
            return Outcome.refused(ProblemType.FORBIDDEN, "This operation needs one of the roles " + rolesAllowed);
        }
        if (groups.contains(BuiltInRole.AGENT) && subject.length() > MAX_AGENT_SUBJECT) {
            // no agent has such an id: answered as for any subject that is not an agent of the tenant
            return Outcome.refused(ProblemType.AGENT_NOT_ACTIVE, "the token's subject is not an agent of this tenant");
        }
        return new Outcome(new Caller(tenant, subject, groups), null, null);
    }

    /** The string groups of the {@code groups} claim; none when it is missing or not an array. */
    static Set<String> groups(Map<String, ?> claims) {
        Object claim = claim(claims, "groups");
        Set<String> groups = new LinkedHashSet<>();
        if (claim instanceof JsonArray array) {
            for (JsonValue value : array) {
                if (value instanceof JsonString s) {
                    groups.add(s.getString());
                }
            }
        } else if (claim instanceof Collection<?> collection) {
            for (Object value : collection) {
                String group = string(value);
                if (group != null) {
                    groups.add(group);
                }
            }
        }
        return groups;
    }

    private static Object claim(Map<String, ?> claims, String name) {
        return name == null ? null : claims.get(name);
    }

    private static boolean validSubject(String subject, int max) {
        if (subject == null || subject.isBlank() || subject.length() > max) {
            return false;
        }
        for (int i = 0; i < subject.length(); i++) {
            if (Character.isISOControl(subject.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A string claim, as a JSON-P or a plain string; anything else is null. */
    public static String string(Object claim) {
        if (claim instanceof JsonString json) {
            return json.getString();
        }
        return claim instanceof String text ? text : null;
    }

    /**
     * A time or count claim in whole seconds: fractions are cut, a number beyond the long range saturates
     * (an {@code nbf} of 1e400 is never valid yet, not a wrapped value in the past); not a number is null.
     */
    public static Long number(Object claim) {
        Object value = claim instanceof JsonNumber json ? json.bigDecimalValue() : claim;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        BigDecimal decimal;
        if (value instanceof BigDecimal d) {
            decimal = d;
        } else if (value instanceof BigInteger i) {
            decimal = new BigDecimal(i);
        } else if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            decimal = BigDecimal.valueOf(n.doubleValue());
        } else {
            return null;
        }
        if (decimal.compareTo(MAX_LONG) >= 0) {
            return Long.MAX_VALUE;
        }
        if (decimal.compareTo(MIN_LONG) <= 0) {
            return Long.MIN_VALUE;
        }
        if (decimal.abs().compareTo(BigDecimal.ONE) < 0) {
            // no setScale on 1e-999999999: rescaling it would divide by 10^999999999
            return decimal.signum() < 0 ? -1L : 0L;
        }
        // at least 1 and at most 1100 characters (the parser's limit): a scale of at most about 1100
        return decimal.setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal MIN_LONG = BigDecimal.valueOf(Long.MIN_VALUE);
}
