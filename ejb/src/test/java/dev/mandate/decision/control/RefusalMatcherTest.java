package dev.mandate.decision.control;

import static dev.mandate.platform.json.SharedJson.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.taxonomy.entity.RefusalCondition;
import dev.mandate.taxonomy.entity.RefusalOperator;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A task type's refusal conditions against an envelope. The tables put a JSON value at {@code field}
 * ({@code <absent>}: no such field) and say whether a condition on {@code field} refuses the envelope.
 */
class RefusalMatcherTest {

    private static final String ABSENT = "<absent>";

    private static final JsonObject ENVELOPE = read("""
            {"requestedAction": {"tool": "erp", "action": "pay_invoice",
                                 "arguments": {"amount": 60000, "currency": "EUR", "payee": null,
                                               "lines": [{"sku": "A-1"}]}},
             "evidence": []}
            """);

    private static JsonObject read(String json) {
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static boolean refuses(String value, RefusalOperator operator, String operand) {
        JsonObject envelope = read(value.equals(ABSENT) ? "{}" : "{\"field\": " + value + "}");
        return refuses(envelope, new RefusalCondition("field", operator, operand, "refused"));
    }

    private static boolean refuses(JsonObject envelope, RefusalCondition condition) {
        return RefusalMatcher.firstMatch(List.of(condition), envelope).isPresent();
    }

    @ParameterizedTest(name = "{0} is missing: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            <absent>     | true
            null         | true
            ""           | true
            "  \\t"      | true
            []           | true
            {}           | true
            "x"          | false
            0            | false
            false        | false
            [null]       | false
            {"a": null}  | false
            """)
    void missingIsAbsentNullOrEmpty(String value, boolean refused) {
        assertThat(refuses(value, RefusalOperator.MISSING, null)).isEqualTo(refused);
    }

    // an empty value is both MISSING and PRESENT: PRESENT asks only whether there is a non-null value
    @ParameterizedTest(name = "{0} is present: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            <absent>     | false
            null         | false
            ""           | true
            []           | true
            {}           | true
            "x"          | true
            0            | true
            false        | true
            """)
    void presentIsAnyValueButNull(String value, boolean refused) {
        assertThat(refuses(value, RefusalOperator.PRESENT, null)).isEqualTo(refused);
    }

    @ParameterizedTest(name = "{0} equals {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            "EUR"        | EUR        | true
            "eur"        | EUR        | false
            "EUR "       | EUR        | false
            "60000"      | 60000      | true
            60000        | 60000      | true
            # a number by its value, however either side is written
            60000.0      | 60000      | true
            6e4          | 60000      | true
            6e4          | 6E+4       | true
            1.50         | 1.5        | true
            60000        | ' 60000 '  | true
            60000.5      | 60000      | false
            60000        | EUR        | false
            true         | true       | true
            {"a":1}      | {"a":1}    | true
            ["x", 2]     | ["x",2]    | true
            null         | null       | false
            <absent>     | EUR        | false
            "EUR"        |            | false
            """)
    void equalsComparesAStringsContentANumbersValueAndAnyOtherValuesJsonText(
            String value, String operand, boolean refused) {
        assertThat(refuses(value, RefusalOperator.EQUALS, operand)).isEqualTo(refused);
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            "Wire to IBAN DE89"  | iban     | true
            "wire to iban de89"  | IBAN     | true
            "WIRE"               | wire     | true
            "transfer"           | iban     | false
            12345                | 234      | true
            ["IBAN"]             | iban     | true
            {"note": "IBAN"}     | NOTE     | true
            "anything"           | ''       | true
            ""                   | ''       | true
            null                 | null     | false
            <absent>             | x        | false
            # no operand (authoring does not ask for one): in every value, as the empty string is
            "anything"           |          | true
            7                    |          | true
            null                 |          | false
            <absent>             |          | false
            """)
    void containsIsCaseInsensitiveAndReadsNonStringsAsJsonText(String value, String operand, boolean refused) {
        assertThat(refuses(value, RefusalOperator.CONTAINS, operand)).isEqualTo(refused);
    }

    @ParameterizedTest(name = "{0} > {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            60001                     | 60000              | true
            60000                     | 60000              | false
            59999.99                  | 60000              | false
            -60001                    | -60000             | false
            60000.000000000000000001  | 60000              | true
            9007199254740993          | 9007199254740992   | true
            1e400                     | 1e399              | true
            1e400                     | 1E+400             | false
            -1e400                    | -1e399             | false
            1e999999999               | 1e999999998        | true
            1                         | 1e999999999        | false
            1E-400                    | 0                  | true
            6e4                       | 59999              | true
            60001                     | 6e4                | true
            60001                     | '  60000 '         | true
            60000                     | '  60000 '         | false
            """)
    void greaterThanComparesNumbersExactly(String value, String operand, boolean refused) {
        assertThat(refuses(value, RefusalOperator.GREATER_THAN, operand)).isEqualTo(refused);
    }

    @ParameterizedTest(name = "{0} > {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            "60001"      | 60000     | false
            true         | 0         | false
            [60001]      | 60000     | false
            {"v": 60001} | 60000     | false
            null         | 0         | false
            <absent>     | 0         | false
            60001        | lots      | true
            -1e400       | 10_000    | true
            0            | ''        | true
            0            |           | true
            """)
    void greaterThanIsFalseForAValueThatIsNoNumberAndRefusesForAnOperandThatIsNone(
            String value, String operand, boolean refused) {
        assertThat(refuses(value, RefusalOperator.GREATER_THAN, operand)).isEqualTo(refused);
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            "INV-2024-001"      | INV-\\d{4}-\\d{3}      | true
            "see INV-2024-001"  | INV-\\d{4}-\\d{3}      | false
            "inv-2024-001"      | INV-\\d{4}-\\d{3}      | false
            "inv-2024-001"      | (?i)INV-\\d{4}-\\d{3}  | true
            "line one\\nline 2" | line one.line 2        | false
            "line one\\nline 2" | (?s)line one.line 2    | true
            42                  | \\d+                   | true
            ["a"]               | \\[".*"\\]             | true
            ""                  | .*                     | true
            null                | .*                     | false
            <absent>            | .*                     | false
            """)
    void matchesTestsTheWholeStringOrJsonText(String value, String operand, boolean refused) {
        assertThat(refuses(value, RefusalOperator.MATCHES, operand)).isEqualTo(refused);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "requestedAction.arguments.iban",
                "requestedAction.parameters.amount",
                "requestedAction.arguments.payee.name",
                "requestedAction.arguments.currency.length",
                "requestedAction.arguments.amount.value",
                "requestedAction.arguments.lines.0.sku",
                "requestedAction.tool.erp",
                "amount",
                "arguments.amount"
            })
    void aPathThatLeadsToNoValueIsMissingAndNothingElse(String path) {
        assertThat(refuses(ENVELOPE, new RefusalCondition(path, RefusalOperator.MISSING, null, "r")))
                .isTrue();
        for (RefusalOperator operator : List.of(
                RefusalOperator.PRESENT,
                RefusalOperator.EQUALS,
                RefusalOperator.CONTAINS,
                RefusalOperator.GREATER_THAN,
                RefusalOperator.MATCHES)) {
            assertThat(refuses(ENVELOPE, new RefusalCondition(path, operator, ".*", "r")))
                    .as("%s %s", path, operator)
                    .isFalse();
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            requestedAction.arguments.amount    | GREATER_THAN | 50000             | true
            requestedAction.arguments.amount    | GREATER_THAN | 60000             | false
            requestedAction.arguments.currency  | EQUALS       | EUR               | true
            requestedAction.arguments.lines     | CONTAINS     | a-1               | true
            requestedAction.action              | MATCHES      | pay_.*            | true
            requestedAction.arguments           | PRESENT      |                   | true
            requestedAction.arguments.payee     | PRESENT      |                   | false
            requestedAction.arguments.payee     | MISSING      |                   | true
            evidence                            | MISSING      |                   | true
            requestedAction                     | MISSING      |                   | false
            """)
    void aDottedPathLeadsThroughNestedObjects(String path, RefusalOperator operator, String operand, boolean refused) {
        assertThat(refuses(ENVELOPE, new RefusalCondition(path, operator, operand, "r")))
                .isEqualTo(refused);
    }

    @Test
    void theFirstConditionThatMatchesGivesTheReasonInTheOrderListed() {
        RefusalCondition onlyDollars =
                new RefusalCondition("requestedAction.arguments.currency", RefusalOperator.EQUALS, "USD", "dollars");
        RefusalCondition treasury = new RefusalCondition(
                "requestedAction.arguments.amount",
                RefusalOperator.GREATER_THAN,
                "50000",
                "treasury pays amounts above 50,000");
        RefusalCondition evidence =
                new RefusalCondition("evidence", RefusalOperator.MISSING, null, "a payment needs cited evidence");

        assertThat(RefusalMatcher.firstMatch(List.of(onlyDollars, treasury, evidence), ENVELOPE))
                .contains("treasury pays amounts above 50,000");
        assertThat(RefusalMatcher.firstMatch(List.of(onlyDollars, evidence, treasury), ENVELOPE))
                .contains("a payment needs cited evidence");
    }

    @Test
    void noConditionOrNoneThatMatchesRefusesNothing() {
        RefusalCondition onlyDollars =
                new RefusalCondition("requestedAction.arguments.currency", RefusalOperator.EQUALS, "USD", "dollars");

        assertThat(RefusalMatcher.firstMatch(List.of(), ENVELOPE)).isEqualTo(Optional.empty());
        assertThat(RefusalMatcher.firstMatch(List.of(onlyDollars), ENVELOPE)).isEqualTo(Optional.empty());
    }
}
