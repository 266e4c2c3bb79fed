package dev.mandate.policy.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.json.NumberRange;
import dev.mandate.platform.json.PlainJson;
import dev.mandate.policy.entity.PolicyEffect;
import dev.mandate.policy.entity.RuleKind;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * For any JSON number an agent may send and any cap an admin may write, either the number (or the cap) is
 * refused, or the template AMOUNT_CAP rule and the CEL rule {@code args.amount > C} both decide exactly as
 * {@code new BigDecimal(text).compareTo(C) > 0}: no rounding, no wrapping, no disagreement between the two.
 */
class NumberComparisonPropertiesTest {

    @Property(tries = 1500)
    void templateAndCelRulesDecideAsTheExactComparison(@ForAll("numbers") String amount, @ForAll("caps") String cap) {
        BigDecimal limit = new BigDecimal(cap);
        if (!NumberRange.contains(limit)) {
            assertRefusedAtAuthoring(cap, limit);
            return;
        }
        JsonObject envelope;
        try {
            envelope = Json.createReader(new StringReader("{\"amount\":" + amount + "}"))
                    .readObject();
        } catch (RuntimeException parserLimit) {
            // Parsson's own limits (numbers longer than 1100 characters): the API answers 400 malformed-json
            assertThat(amount.length()).isGreaterThan(1100);
            return;
        }
        BigDecimal exact = envelope.getJsonNumber("amount").bigDecimalValue();
        if (!NumberRange.contains(exact)) {
            assertThatThrownBy(() -> PlainJson.map(envelope)).isInstanceOf(InvalidRequestException.class);
            return;
        }
        Map<String, Object> args = PlainJson.map(envelope);
        boolean expected = new BigDecimal(amount).compareTo(limit) > 0;

        PolicyOutcome template = Rules.set(
                        "1",
                        Rules.template(
                                "cap", RuleKind.AMOUNT_CAP, Map.of("path", "amount", "max", limit), PolicyEffect.DENY))
                .evaluate(Rules.input(args));
        assertThat(template.errors())
                .as("template errors for %s > %s", amount, cap)
                .isEmpty();
        assertThat(template.effect() == PolicyEffect.DENY)
                .as("template: %s > %s", amount, cap)
                .isEqualTo(expected);

        CompiledPolicySet celRule;
        try {
            celRule = Rules.set("1", Rules.expression("cel", 1, "args.amount > " + cap, PolicyEffect.DENY));
        } catch (InvalidRequestException refused) {
            // CEL orders -0.0 below 0; the literal is refused at authoring (the template reads it as 0)
            assertThat(cap).startsWith("-").matches("-[0.]+([eE][-+]?\\d+)?");
            return;
        }
        PolicyOutcome cel = celRule.evaluate(Rules.input(args));
        assertThat(cel.errors()).as("CEL errors for %s > %s", amount, cap).isEmpty();
        assertThat(cel.effect() == PolicyEffect.DENY)
                .as("CEL: %s > %s", amount, cap)
                .isEqualTo(expected);
    }

    @Example
    void theIssuesNumbersAreRefusedOrCapped() {
        for (String amount : List.of("18446744073709551916", "9223372036854775808", "5000.0000000000000001")) {
            JsonNumber number = Json.createReader(new StringReader("{\"a\":" + amount + "}"))
                    .readObject()
                    .getJsonNumber("a");
            assertThat(NumberRange.contains(number.bigDecimalValue()))
                    .as(amount)
                    .isFalse();
        }
        assertThat(NumberRange.plain(new BigDecimal("-0"))).isEqualTo(0L);
        assertThat(NumberRange.plain(new BigDecimal("5000.000"))).isEqualTo(5000L);
        assertThat(NumberRange.plain(new BigDecimal("9007199254740991"))).isEqualTo(9007199254740991L);
        assertThat(NumberRange.plain(new BigDecimal("9007199254740992"))).isNull();
        assertThat(NumberRange.plain(new BigDecimal("1e-999999999"))).isNull();
        assertThat(NumberRange.plain(new BigDecimal("1E400"))).isNull();
        assertThat(NumberRange.plain(new BigDecimal("0.1"))).isEqualTo(0.1);
    }

    private static void assertRefusedAtAuthoring(String cap, BigDecimal limit) {
        assertThatThrownBy(() -> RuleValidator.validate(
                        Rules.template(
                                "cap", RuleKind.AMOUNT_CAP, Map.of("path", "amount", "max", limit), PolicyEffect.DENY),
                        null))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> RuleValidator.validate(
                        Rules.expression("cel", 1, "args.amount > " + cap, PolicyEffect.DENY), null))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Provide
    Arbitrary<String> numbers() {
        return Arbitraries.frequencyOf(
                weighted(4, decimals()),
                weighted(3, nearCaps()),
                weighted(2, wholeNumbers()),
                weighted(
                        1,
                        Arbitraries.of(
                                "-0",
                                "0.0",
                                "1e-999999999",
                                "1E400",
                                "-1E400",
                                "1e-400",
                                "5000.0000000000000001",
                                "1000.0000000000001",
                                "999.99999999999999",
                                "18446744073709551916",
                                "9223372036854775808",
                                "-9223372036854775809",
                                "9007199254740991",
                                "9007199254740992",
                                "-9007199254740993",
                                "1e2",
                                "-1E+2",
                                "1" + "0".repeat(1200),
                                "0." + "0".repeat(1050) + "1")));
    }

    @Provide
    Arbitrary<String> caps() {
        return Arbitraries.frequencyOf(
                weighted(3, Arbitraries.of("1000", "0", "-1", "1000.5", "0.1", "50000", "9007199254740991", "1e3")),
                weighted(3, decimals()),
                weighted(1, wholeNumbers()));
    }

    /** Numbers right around the caps: C ± 10^-k and C ± 1, where the rounding of doubles would show. */
    private Arbitrary<String> nearCaps() {
        Arbitrary<BigDecimal> base = Arbitraries.of("1000", "1000.5", "0.1", "50000", "9007199254740991", "-1")
                .map(BigDecimal::new);
        Arbitrary<BigDecimal> step =
                Arbitraries.integers().between(0, 25).map(k -> BigDecimal.ONE.scaleByPowerOfTen(-k));
        return Combinators.combine(base, step, Arbitraries.of(1, -1))
                .as((b, s, sign) -> sign > 0 ? b.add(s) : b.subtract(s))
                .flatMap(n -> Arbitraries.of(n.toString(), n.toPlainString()));
    }

    private Arbitrary<String> wholeNumbers() {
        return Arbitraries.bigIntegers()
                .between(BigInteger.TWO.pow(70).negate(), BigInteger.TWO.pow(70))
                .map(BigInteger::toString);
    }

    private Arbitrary<String> decimals() {
        Arbitrary<String> sign = Arbitraries.of("", "-");
        Arbitrary<String> integer =
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> fraction =
                Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(20);
        Arbitrary<String> exponent = Arbitraries.oneOf(
                Arbitraries.just(""),
                Arbitraries.integers().between(-400, 400).map(e -> "e" + e),
                Arbitraries.integers().between(-20, 20).map(e -> "E+" + Math.abs(e)));
        return Combinators.combine(sign, integer, fraction, exponent)
                .as((s, i, f, e) -> s + stripLeadingZeros(i) + (f.isEmpty() ? "" : "." + f) + e);
    }

    private static String stripLeadingZeros(String digits) {
        return digits.replaceFirst("^0+(?=.)", "");
    }

    private static Tuple.Tuple2<Integer, Arbitrary<? extends String>> weighted(
            int weight, Arbitrary<String> arbitrary) {
        return Tuple.of(weight, arbitrary);
    }
}
