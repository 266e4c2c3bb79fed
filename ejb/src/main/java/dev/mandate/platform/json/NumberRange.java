package dev.mandate.platform.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The one range of numbers Mandate accepts in a request body and in a rule (I-JSON, RFC 7493): whole
 * numbers within ±(2^53−1), and other numbers with at most 15 significant digits and a magnitude of at
 * least 1e-307. Inside it a whole number is a {@code Long}
 * and any other a {@code Double} that is the number's nearest double: two distinct numbers of the range
 * have two distinct doubles in the same order, so comparing them (as rules do) gives exactly the answer
 * of comparing the decimals written. Anything outside is refused, never rounded or wrapped.
 */
public final class NumberRange {

    public static final long MAX_WHOLE = (1L << 53) - 1;
    public static final int MAX_SIGNIFICANT_DIGITS = 15;
    public static final String RULE = "must be a whole number within ±9007199254740991 or a number of at most "
            + MAX_SIGNIFICANT_DIGITS + " significant digits and at least 1e-307 in size";
    private static final MathContext FIFTEEN_DIGITS = new MathContext(MAX_SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN);
    private static final BigDecimal SMALLEST = new BigDecimal("1e-307");

    private NumberRange() {}

    /** The number as a Long (whole) or a Double (otherwise), or null when it is outside the range. */
    public static Number plain(BigDecimal number) {
        if (number.signum() == 0) {
            return 0L;
        }
        // precision and scale only: cheap even for 1e-999999999, which has a billion-digit plain form
        BigDecimal stripped = number.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            if (stripped.precision() - stripped.scale() > 16) {
                return null;
            }
            long whole = stripped.longValueExact();
            return Math.abs(whole) <= MAX_WHOLE ? (Number) whole : null;
        }
        if (stripped.precision() > MAX_SIGNIFICANT_DIGITS || stripped.abs().compareTo(SMALLEST) < 0) {
            return null;
        }
        return stripped.doubleValue();
    }

    /** Any Java number as {@link #plain(BigDecimal)} would give it, or null when outside the range. */
    public static Number plain(Number number) {
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            long whole = number.longValue();
            return Math.abs(whole) <= MAX_WHOLE ? (Number) whole : null;
        }
        if (number instanceof BigDecimal decimal) {
            return plain(decimal);
        }
        if (number instanceof BigInteger big) {
            return plain(new BigDecimal(big));
        }
        double d = number.doubleValue();
        BigDecimal decimal = decimal(d);
        return decimal == null ? null : plain(decimal);
    }

    /**
     * The decimal of at most 15 significant digits whose nearest double is d, or null when there is none
     * (d is not the double of a number in the range). Not {@code Double.toString}: before Java 19 it
     * sometimes writes more digits than needed.
     */
    public static BigDecimal decimal(double d) {
        if (!Double.isFinite(d)) {
            return null;
        }
        BigDecimal rounded = new BigDecimal(d).round(FIFTEEN_DIGITS).stripTrailingZeros();
        return rounded.doubleValue() == d ? rounded : null;
    }

    public static boolean contains(BigDecimal number) {
        return plain(number) != null;
    }
}
