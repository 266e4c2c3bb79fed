package dev.mandate.audit.control;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal data and secrets from free text before it is audited. What it finds, in this order:
 *
 * <ul>
 *   <li>{@code [SECRET]}: PEM blocks, JWTs, {@code Bearer} credentials, API keys recognisable by their
 *       shape ({@code sk_live_}, {@code AKIA}, {@code ghp_}, ...) and the values of secret-named keys
 *       ({@link SecretNames}: {@code "db_password": "..."}, {@code sessionToken=...}, a nested
 *       {@code "credentials": {...}} as a whole);
 *   <li>{@code [EMAIL]}: e-mail addresses;
 *   <li>{@code [IBAN]}: IBANs, with or without blanks, only when the ISO 13616 mod-97 check digits
 *       hold and the length fits the country;
 *   <li>{@code [CARD]}: payment card numbers, 13 to 19 digits with optional blanks or dashes, only when
 *       the Luhn check holds (so order and invoice numbers stay);
 *   <li>{@code [NATIONAL_ID]}: US Social Security numbers written {@code 123-45-6789} or
 *       {@code 123 45 6789} (not the never-issued 000, 666, 9xx areas, 00 groups, 0000 serials), and UK
 *       National Insurance numbers ({@code AB123456C}, blanks allowed, the invalid prefixes excluded);
 *   <li>{@code [PHONE]}: international numbers ({@code +} and 8 to 15 digits), North American numbers
 *       ({@code (415) 555-0132}, {@code 415-555-0132}, {@code 415.555.0132}) and national numbers with a
 *       trunk 0 (10 or 11 digits, e.g. {@code 020 7946 0958}, {@code 06 12 34 56 78}, {@code 07700900123}).
 * </ul>
 *
 * Bare nine-digit numbers are not treated as SSNs, and dates, times, amounts and ids stay as they are.
 */
public final class PiiRedactor {

    public static final String EMAIL = "[EMAIL]";
    public static final String PHONE = "[PHONE]";
    public static final String CARD = "[CARD]";
    public static final String IBAN = "[IBAN]";
    public static final String NATIONAL_ID = "[NATIONAL_ID]";
    public static final String SECRET = "[SECRET]";

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN [A-Z0-9 ]+-----[\\s\\S]*?(-----END [A-Z0-9 ]+-----|$)");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}");
    /**
     * A key, quoted (also with escaped quotes, as in JSON inside a JSON string) or bare, and what assigns it
     * a value: {@code "db_password": }, {@code token=}.
     */
    private static final Pattern KEY_ASSIGNMENT =
            Pattern.compile("(?<![A-Za-z0-9_.-])((?:\\\\?[\"'])?)([A-Za-z_][A-Za-z0-9_.-]{0,99})\\1\\s*[:=]\\s*");
    /** A name/value pair that names its secret in a sibling: {@code {"name":"X-Api-Key","value":"..."}}. */
    private static final Pattern NAMED_VALUE = Pattern.compile(
            "\"(?:name|key|header|field|param)\"\\s*:\\s*\"([^\"]{1,100})\"\\s*,\\s*\"values?\"\\s*:\\s*");
    /** Credentials recognisable by their shape alone (Stripe, AWS, GitHub, Slack, Google, GitLab, OpenAI). */
    private static final Pattern TOKEN_SHAPES =
            Pattern.compile("(?<![A-Za-z0-9])(?:[sprk]k_(?:live|test)_[A-Za-z0-9]{8,}"
                    + "|(?:AKIA|ASIA)[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{20,}"
                    + "|xox[abprse]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{30,}|glpat-[A-Za-z0-9_-]{20,}"
                    + "|sk-[A-Za-z0-9_-]{20,})");

    private static final List<String> TOKEN_SHAPE_STARTS =
            List.of("k_live_", "k_test_", "AKIA", "ASIA", "gh", "xox", "AIza", "glpat-", "sk-");

    private static final Pattern EMAIL_ADDRESS =
            Pattern.compile("[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,}");
    private static final Pattern IBAN_CANDIDATE =
            Pattern.compile("(?<![A-Za-z0-9])[A-Za-z]{2}\\d{2}(?:[ -]?[A-Za-z0-9]){11,30}");
    private static final Pattern CARD_CANDIDATE = Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?!\\d)");
    private static final Pattern US_SSN =
            Pattern.compile("(?<![\\d-])(?!000|666|9\\d\\d)\\d{3}([- ])(?!00)\\d{2}\\1(?!0000)\\d{4}(?![\\d-])");
    private static final Pattern UK_NINO = Pattern.compile(
            "(?i)(?<![A-Za-z0-9])(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D](?![A-Za-z0-9])");
    private static final Pattern INTERNATIONAL_PHONE =
            Pattern.compile("(?<![\\w+])\\+\\d{1,3}(?:[ .-]?(?:\\(\\d{1,5}\\)|\\d{1,5})){1,6}(?![\\d])");
    private static final Pattern NANP_PHONE =
            Pattern.compile("(?<![\\d-])(?:\\(\\d{3}\\) ?|\\d{3}[-. ])\\d{3}[-. ]\\d{4}(?![\\d-])");
    private static final Pattern TRUNK_PHONE =
            Pattern.compile("(?<![\\w.,-])0[1-9]\\d{0,3}(?:[ /-]?\\d{2,4}){1,4}(?![\\d.,-])");

    /** IBAN lengths by country (ISO 13616 registry). */
    private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
            Map.entry("AD", 24),
            Map.entry("AE", 23),
            Map.entry("AL", 28),
            Map.entry("AT", 20),
            Map.entry("AZ", 28),
            Map.entry("BA", 20),
            Map.entry("BE", 16),
            Map.entry("BG", 22),
            Map.entry("BH", 22),
            Map.entry("BR", 29),
            Map.entry("BY", 28),
            Map.entry("CH", 21),
            Map.entry("CR", 22),
            Map.entry("CY", 28),
            Map.entry("CZ", 24),
            Map.entry("DE", 22),
            Map.entry("DK", 18),
            Map.entry("DO", 28),
            Map.entry("EE", 20),
            Map.entry("EG", 29),
            Map.entry("ES", 24),
            Map.entry("FI", 18),
            Map.entry("FO", 18),
            Map.entry("FR", 27),
            Map.entry("GB", 22),
            Map.entry("GE", 22),
            Map.entry("GI", 23),
            Map.entry("GL", 18),
            Map.entry("GR", 27),
            Map.entry("GT", 28),
            Map.entry("HR", 21),
            Map.entry("HU", 28),
            Map.entry("IE", 22),
            Map.entry("IL", 23),
            Map.entry("IQ", 23),
            Map.entry("IS", 26),
            Map.entry("IT", 27),
            Map.entry("JO", 30),
            Map.entry("KW", 30),
            Map.entry("KZ", 20),
            Map.entry("LB", 28),
            Map.entry("LC", 32),
            Map.entry("LI", 21),
            Map.entry("LT", 20),
            Map.entry("LU", 20),
            Map.entry("LV", 21),
            Map.entry("MC", 27),
            Map.entry("MD", 24),
            Map.entry("ME", 22),
            Map.entry("MK", 19),
            Map.entry("MR", 27),
            Map.entry("MT", 31),
            Map.entry("MU", 30),
            Map.entry("NL", 18),
            Map.entry("NO", 15),
            Map.entry("PK", 24),
            Map.entry("PL", 28),
            Map.entry("PS", 29),
            Map.entry("PT", 25),
            Map.entry("QA", 29),
            Map.entry("RO", 24),
            Map.entry("RS", 22),
            Map.entry("SA", 24),
            Map.entry("SC", 31),
            Map.entry("SE", 24),
            Map.entry("SI", 19),
            Map.entry("SK", 24),
            Map.entry("SM", 27),
            Map.entry("ST", 25),
            Map.entry("SV", 28),
            Map.entry("TL", 23),
            Map.entry("TN", 24),
            Map.entry("TR", 26),
            Map.entry("UA", 29),
            Map.entry("VA", 22),
            Map.entry("VG", 24),
            Map.entry("XK", 20));

    private PiiRedactor() {}

    /** The text with every finding replaced by its marker; null stays null. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return redact(text, true);
    }

    /**
     * The passes, in order. With {@code guarded}, a pass runs only if the text has what every match of it
     * needs (a character, enough digits): replacements only remove such characters and digits, so testing
     * the original text may run a pass for nothing, never skip one that would match. Unguarded is the
     * reference the guards are tested against.
     */
    static String redact(String text, boolean guarded) {
        boolean all = !guarded;
        String lower = guarded ? text.toLowerCase(Locale.ROOT) : "";
        int cardDigits = all ? Integer.MAX_VALUE : longestDigitRun(text, " -");
        int phoneDigits = all ? Integer.MAX_VALUE : longestDigitRun(text, " -./()");
        int ninoDigits = all ? Integer.MAX_VALUE : longestDigitRun(text, " ");
        String out = text;
        if (all || text.contains("-----BEGIN ")) {
            out = PEM.matcher(out).replaceAll(SECRET);
        }
        if (all || text.contains("eyJ")) {
            out = JWT.matcher(out).replaceAll(SECRET);
        }
        if (all || lower.contains("bearer") || lower.contains("basic")) {
            out = BEARER.matcher(out).replaceAll("$1 " + Matcher.quoteReplacement(SECRET));
        }
        if (all || TOKEN_SHAPE_STARTS.stream().anyMatch(text::contains)) {
            out = TOKEN_SHAPES.matcher(out).replaceAll(SECRET);
        }
        if (all || (text.indexOf(':') >= 0 || text.indexOf('=') >= 0) && namesASecret(lower)) {
            out = replaceAssignedSecrets(out);
            out = replaceNamedValues(out);
        }
        if (all || text.indexOf('@') >= 0) {
            out = EMAIL_ADDRESS.matcher(out).replaceAll(EMAIL);
        }
        if (all || hasIbanStart(text)) {
            out = replaceIbans(out);
        }
        if (cardDigits >= 13) {
            out = replaceCards(out);
        }
        if (cardDigits >= 9) {
            out = US_SSN.matcher(out).replaceAll(NATIONAL_ID);
        }
        if (ninoDigits >= 6) {
            out = UK_NINO.matcher(out).replaceAll(NATIONAL_ID);
        }
        if (all || text.indexOf('+') >= 0) {
            out = replaceDigits(INTERNATIONAL_PHONE, out, 8, 15);
        }
        if (phoneDigits >= 10) {
            out = NANP_PHONE.matcher(out).replaceAll(PHONE);
            out = replaceDigits(TRUNK_PHONE, out, 10, 11);
        }
        return out;
    }

    /** Every name {@link SecretNames} calls secret contains one of these, lower-cased. */
    private static boolean namesASecret(String lower) {
        for (String stem : SecretNames.STEMS) {
            if (lower.contains(stem)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The value of every secret-named key ({@link SecretNames}) becomes {@code [SECRET]}: a quoted string,
     * a whole JSON object or array (nested secrets and all), a cookie header to the end of its line, or a
     * bare word. Keys that name nothing secret are passed by, so the keys inside their values are still
     * looked at.
     */
    private static String replaceAssignedSecrets(String text) {
        Matcher keys = KEY_ASSIGNMENT.matcher(text);
        StringBuilder out = new StringBuilder();
        int copied = 0;
        int from = 0;
        while (from < text.length() && keys.find(from)) {
            String key = keys.group(2);
            if (!SecretNames.isSecret(key)) {
                from = keys.end();
                continue;
            }
            int end = valueEnd(text, keys.end(), SecretNames.parts(key).contains("cookie"));
            out.append(text, copied, keys.end()).append(SECRET);
            copied = end;
            from = Math.max(end, keys.end() + 1);
        }
        return out.append(text, Math.min(copied, text.length()), text.length()).toString();
    }

    /** The value of a name/value pair whose name is secret-named ({@link #NAMED_VALUE}) becomes {@code [SECRET]}. */
    private static String replaceNamedValues(String text) {
        Matcher pairs = NAMED_VALUE.matcher(text);
        StringBuilder out = new StringBuilder();
        int copied = 0;
        int from = 0;
        while (from < text.length() && pairs.find(from)) {
            if (!SecretNames.isSecret(pairs.group(1))) {
                from = pairs.end();
                continue;
            }
            int end = valueEnd(text, pairs.end(), false);
            out.append(text, copied, pairs.end()).append(SECRET);
            copied = end;
            from = Math.max(end, pairs.end() + 1);
        }
        return out.append(text, Math.min(copied, text.length()), text.length()).toString();
    }

    /** Where the value starting at {@code start} ends. */
    private static int valueEnd(String text, int start, boolean toEndOfLine) {
        if (start >= text.length()) {
            return start;
        }
        char first = text.charAt(start);
        if (first == '"' || first == '\'') {
            return quotedEnd(text, start);
        }
        if (first == '\\' && start + 1 < text.length() && text.charAt(start + 1) == '"') {
            int close = text.indexOf("\\\"", start + 2);
            return close < 0 ? text.length() : close + 2;
        }
        if (first == '{' || first == '[') {
            return bracketEnd(text, start);
        }
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean stop = toEndOfLine
                    ? c == '\n' || c == '\r' || c == '"'
                    : Character.isWhitespace(c) || ",;&}])\"'".indexOf(c) >= 0;
            if (stop) {
                break;
            }
            i++;
        }
        return i;
    }

    /** Past the closing quote (a backslash escapes); the end of the text when there is none. */
    private static int quotedEnd(String text, int start) {
        char quote = text.charAt(start);
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i + 1;
            }
        }
        return text.length();
    }

    /** Past the bracket that closes the one at {@code start}, strings skipped; the end of the text when none does. */
    private static int bracketEnd(String text, int start) {
        int depth = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                i = quotedEnd(text, i) - 1;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return i + 1;
            }
        }
        return text.length();
    }

    /**
     * The most digits in one stretch of digits and {@code separators}: a pattern whose digits may only be
     * split by those separators cannot match more digits than this.
     */
    private static int longestDigitRun(String text, String separators) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isDigit(c)) {
                run++;
                longest = Math.max(longest, run);
            } else if (separators.indexOf(c) < 0) {
                run = 0;
            }
        }
        return longest;
    }

    /** Two letters and two digits, as every IBAN starts. */
    private static boolean hasIbanStart(String text) {
        for (int i = 0; i + 3 < text.length(); i++) {
            if (isAsciiLetter(text.charAt(i))
                    && isAsciiLetter(text.charAt(i + 1))
                    && isDigit(text.charAt(i + 2))
                    && isDigit(text.charAt(i + 3))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A value of an audit detail: whole values of secret-named keys go, the rest is {@link #redact}ed. */
    public static String redactValue(String key, String value) {
        if (value != null && SecretNames.isSecret(key)) {
            return SECRET;
        }
        return redact(value);
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (twice) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    static boolean ibanChecksum(String compact) {
        String rearranged = compact.substring(4) + compact.substring(0, 4);
        StringBuilder numeric = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            if (Character.isDigit(c)) {
                numeric.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                numeric.append(c - 'A' + 10);
            } else {
                return false;
            }
        }
        return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    private static String replaceIbans(String text) {
        Matcher candidates = IBAN_CANDIDATE.matcher(text);
        StringBuilder out = new StringBuilder();
        int copied = 0;
        int from = 0;
        while (from < text.length() && candidates.find(from)) {
            int end = ibanEnd(text, candidates.start(), candidates.end());
            if (end < 0) {
                from = candidates.start() + 1;
                continue;
            }
            out.append(text, copied, candidates.start()).append(IBAN);
            copied = end;
            from = end;
        }
        return out.append(text.substring(copied)).toString();
    }

    /** Where a valid IBAN starting at {@code start} ends, trying the country's length or else the longest valid. */
    private static int ibanEnd(String text, int start, int limit) {
        String country = text.substring(start, start + 2).toUpperCase();
        Integer length = IBAN_LENGTHS.get(country);
        StringBuilder compact = new StringBuilder();
        int best = -1;
        for (int i = start; i < limit; i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '-') {
                continue;
            }
            compact.append(Character.toUpperCase(c));
            int size = compact.length();
            boolean boundary = i + 1 >= text.length() || !Character.isLetterOrDigit(text.charAt(i + 1));
            if (size >= 15 && boundary && (length == null || size == length) && ibanChecksum(compact.toString())) {
                best = i + 1;
                if (length != null) {
                    return best;
                }
            }
        }
        return best;
    }

    private static String replaceCards(String text) {
        Matcher candidates = CARD_CANDIDATE.matcher(text);
        StringBuilder out = new StringBuilder();
        int copied = 0;
        while (candidates.find()) {
            String digits = candidates.group().replaceAll("[ -]", "");
            if (digits.length() >= 13 && digits.length() <= 19 && luhn(digits)) {
                out.append(text, copied, candidates.start()).append(CARD);
                copied = candidates.end();
            }
        }
        return out.append(text.substring(copied)).toString();
    }

    private static String replaceDigits(Pattern pattern, String text, int minDigits, int maxDigits) {
        Matcher candidates = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        int copied = 0;
        while (candidates.find()) {
            long digits = candidates.group().chars().filter(Character::isDigit).count();
            if (digits >= minDigits && digits <= maxDigits) {
                out.append(text, copied, candidates.start()).append(PHONE);
                copied = candidates.end();
            }
        }
        return out.append(text.substring(copied)).toString();
    }
}
