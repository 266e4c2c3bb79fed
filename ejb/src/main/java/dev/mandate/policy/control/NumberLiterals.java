package dev.mandate.policy.control;

import dev.mandate.platform.json.NumberRange;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Finds the number literals of a CEL expression that compiled, and names the first one outside {@link
 * NumberRange}: {@code args.amount > 18446744073709551916.0} or {@code > 1000.0000000000000001} would
 * otherwise compare against a rounded constant; {@code -0.0}, which CEL orders below 0, is refused too.
 * String literals (quoted, triple-quoted, raw, bytes) and
 * identifiers are skipped, so digits inside them are not numbers.
 */
final class NumberLiterals {

    private NumberLiterals() {}

    /** The text of the first literal outside the range, if any. */
    static Optional<String> firstOutOfRange(String expression) {
        int i = 0;
        int n = expression.length();
        while (i < n) {
            char c = expression.charAt(i);
            if (c == '"' || c == '\'') {
                i = skipString(expression, i, false);
            } else if ((c == 'r' || c == 'R' || c == 'b' || c == 'B') && stringAfterPrefix(expression, i)) {
                int quote = i + 1;
                boolean raw = c == 'r' || c == 'R';
                if (!isQuote(expression.charAt(quote))) {
                    raw |= expression.charAt(quote) == 'r' || expression.charAt(quote) == 'R';
                    quote++;
                }
                i = skipString(expression, quote, raw);
            } else if (Character.isLetter(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(expression.charAt(i)) || expression.charAt(i) == '_')) {
                    i++;
                }
            } else if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(expression.charAt(i + 1)))) {
                int end = numberEnd(expression, i);
                String literal = expression.substring(i, end);
                if (!inRange(literal)) {
                    return Optional.of(literal);
                }
                if (negated(expression, i) && isFloatZero(literal)) {
                    // CEL orders -0.0 below 0 (Double.compare): a constant no JSON number can equal
                    return Optional.of("-" + literal);
                }
                i = end;
            } else {
                i++;
            }
        }
        return Optional.empty();
    }

    private static boolean inRange(String literal) {
        String digits =
                literal.endsWith("u") || literal.endsWith("U") ? literal.substring(0, literal.length() - 1) : literal;
        try {
            BigDecimal value = digits.startsWith("0x") || digits.startsWith("0X")
                    ? new BigDecimal(new BigInteger(digits.substring(2), 16))
                    : new BigDecimal(digits.startsWith(".") ? "0" + digits : digits);
            return NumberRange.contains(value);
        } catch (NumberFormatException | ArithmeticException unreadable) {
            return false;
        }
    }

    /** The literal follows a unary minus (not the binary one of {@code x - 0.0}). */
    private static boolean negated(String s, int start) {
        int minus = previous(s, start);
        if (minus < 0 || s.charAt(minus) != '-') {
            return false;
        }
        int before = previous(s, minus);
        if (before < 0) {
            return true;
        }
        char c = s.charAt(before);
        return !(Character.isLetterOrDigit(c) || c == '_' || c == ')' || c == ']' || c == '}' || isQuote(c));
    }

    private static int previous(String s, int index) {
        int i = index - 1;
        while (i >= 0 && Character.isWhitespace(s.charAt(i))) {
            i--;
        }
        return i;
    }

    private static boolean isFloatZero(String literal) {
        boolean floating = literal.indexOf('.') >= 0 || literal.indexOf('e') >= 0 || literal.indexOf('E') >= 0;
        return floating
                && !literal.startsWith("0x")
                && !literal.startsWith("0X")
                && new BigDecimal(literal.startsWith(".") ? "0" + literal : literal).signum() == 0;
    }

    private static int numberEnd(String s, int start) {
        int i = start;
        int n = s.length();
        if (s.startsWith("0x", i) || s.startsWith("0X", i)) {
            i += 2;
            while (i < n && Character.digit(s.charAt(i), 16) >= 0) {
                i++;
            }
        } else {
            i = digits(s, i);
            if (i + 1 < n && s.charAt(i) == '.' && isDigit(s.charAt(i + 1))) {
                i = digits(s, i + 1);
            }
            if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                int exponent = i + 1;
                if (exponent < n && (s.charAt(exponent) == '+' || s.charAt(exponent) == '-')) {
                    exponent++;
                }
                if (exponent < n && isDigit(s.charAt(exponent))) {
                    i = digits(s, exponent);
                }
            }
        }
        if (i < n && (s.charAt(i) == 'u' || s.charAt(i) == 'U')) {
            i++;
        }
        return i;
    }

    private static int digits(String s, int i) {
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean stringAfterPrefix(String s, int i) {
        if (i > 0 && (Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '_')) {
            return false;
        }
        if (i + 1 < s.length() && isQuote(s.charAt(i + 1))) {
            return true;
        }
        // two-letter prefixes: rb, br (any case)
        return i + 2 < s.length() && "rRbB".indexOf(s.charAt(i + 1)) >= 0 && isQuote(s.charAt(i + 2));
    }

    /** The index after the string literal whose opening quote is at {@code start}. */
    private static int skipString(String s, int start, boolean raw) {
        char quote = s.charAt(start);
        String triple = String.valueOf(quote).repeat(3);
        boolean isTriple = s.startsWith(triple, start);
        int i = start + (isTriple ? 3 : 1);
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && !raw) {
                i += 2;
            } else if (isTriple ? s.startsWith(triple, i) : c == quote) {
                return i + (isTriple ? 3 : 1);
            } else {
                i++;
            }
        }
        return i;
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
