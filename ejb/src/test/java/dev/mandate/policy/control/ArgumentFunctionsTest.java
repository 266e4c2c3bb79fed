package dev.mandate.policy.control;

import static dev.mandate.policy.control.Rules.expression;
import static dev.mandate.policy.control.Rules.input;
import static dev.mandate.policy.control.Rules.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.policy.entity.PolicyEffect;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentFunctionsTest {

    private static final Map<String, Object> ARGS =
            Map.of("amount", 12.5, "vendor", Map.of("iban", "DE89", "name", ""), "to", List.of("a@x.example"));

    @Test
    void pathFunctionsAreUsableInExpressions() {
        CompiledPolicySet rules = set(
                "1",
                expression(
                        "present",
                        1,
                        "present(args, 'vendor.iban') && !present(args, 'vendor.name')",
                        PolicyEffect.ALLOW),
                expression("value", 2, "valueAt(args, 'amount') == 12.5", PolicyEffect.ALLOW),
                expression(
                        "exceeds",
                        3,
                        "exceeds(args, 'amount', 12) && !exceeds(args, 'amount', 12.5)",
                        PolicyEffect.ALLOW),
                expression("missing", 4, "missingAny(args, 'amount,vendor.bic')", PolicyEffect.ALLOW),
                expression(
                        "hosts",
                        5,
                        "hostsWithin(args, 'to', 'x.example') && !hostsOutside(args, 'to', 'x.example')",
                        PolicyEffect.ALLOW),
                expression("host", 6, "hostOf('Mailto:Bob@Mail.X.Example.') == 'mail.x.example'", PolicyEffect.ALLOW));
        PolicyOutcome outcome = rules.evaluate(input(ARGS));
        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.fired()).hasSize(6);
    }

    @Test
    void aListOfOnePathAndThatPathAreSplitEachByTheirOwnSeparator() {
        Map<String, Object> args = Map.of("vendor", Map.of("iban", "DE89"), "x", Map.of("example", Map.of("com", "y")));

        // "vendor.iban" as a list of paths is one path, as a path it is two keys; neither reading may leak
        // into the other, in either order
        assertThat(ArgumentFunctions.missingAny(args, "vendor.iban")).isFalse();
        assertThat(ArgumentFunctions.present(args, "vendor.iban")).isTrue();
        assertThat(ArgumentFunctions.present(args, "x.example.com")).isTrue();
        assertThat(ArgumentFunctions.hostsWithin(Map.of("to", "a@x.example.com"), "to", "x.example.com"))
                .isTrue();
        assertThat(ArgumentFunctions.missingAny(args, "x.example.com")).isFalse();
    }

    @Test
    void valueAtAMissingPathIsAnError() {
        PolicyOutcome outcome = set("1", expression("v", 1, "valueAt(args, 'vendor.bic') == 'x'", PolicyEffect.ALLOW))
                .evaluate(input(ARGS));
        assertThat(outcome.effect()).isEqualTo(PolicyEffect.DENY);
        assertThat(outcome.errors()).singleElement().asString().contains("no value at 'vendor.bic'");
    }

    @Test
    void aPathThroughANonObjectIsAnError() {
        assertThatThrownBy(() -> ArgumentFunctions.present(Map.of("amount", 5L), "amount.value"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ArgumentFunctions.present(Map.of(), "vendor.iban")).isFalse();
    }

    @Test
    void inputsAreBroughtIntoCelShapesAndCanonicalOnesAreNotCopied() {
        Map<String, Object> raw = new HashMap<>();
        raw.put("int", 5);
        raw.put("decimal", new BigDecimal("2.50"));
        raw.put("whole", new BigDecimal("1E+3"));
        raw.put("list", new ArrayList<>(List.of(1, 2.5f)));
        Map<String, Object> normalized = PolicyValues.map(raw);
        assertThat(normalized)
                .containsEntry("int", 5L)
                .containsEntry("decimal", 2.5)
                .containsEntry("whole", 1000L)
                .containsEntry("list", List.of(1L, 2.5));
        assertThat(PolicyValues.map(normalized)).isSameAs(normalized);
        assertThat(PolicyValues.map(null)).isEmpty();
    }
}
