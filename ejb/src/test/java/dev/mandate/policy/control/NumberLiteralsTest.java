package dev.mandate.policy.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which number literals of an expression lie outside the range; text inside strings and names is no number. */
class NumberLiteralsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "args.amount > 18446744073709551916|18446744073709551916",
                "args.amount > 1000.0000000000000001|1000.0000000000000001",
                "args.amount > 9007199254740992|9007199254740992",
                "args.amount < 1e400|1e400",
                "args.amount > 1e-999999999|1e-999999999",
                "args.amount > 0x20000000000000|0x20000000000000",
                "args.amount > 18446744073709551615u|18446744073709551615u",
                "args.amount > -0.0|-0.0",
                "args.amount > - 0e5|-0e5",
                "[1, 2, 3.14159265358979323].size() == 3|3.14159265358979323"
            })
    void aConstantOutsideTheRangeIsNamed(String expression, String literal) {
        assertThat(NumberLiterals.firstOutOfRange(expression)).contains(literal);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "args.amount > 1000",
                "args.amount > 1000.5 && args.amount < 9007199254740991",
                "args.amount >= -9007199254740991",
                "args.amount > 1e3 || args.amount < .5",
                "args.amount > 0x1F || args.n > 7u",
                "args.amount > 0.0 && args.amount != 0",
                "args.note == '18446744073709551916' && args.x == \"1000.0000000000000001\"",
                "args.note == '''9999999999999999999''' && args.n == r\"1e400\" && args.b == b'12345678901234567890'",
                "has(args.a18446744073709551916) && args.v2 == 'x\\'99999999999999999999'",
                "args.amount - 0.0 > 1"
            })
    void constantsInRangeAndDigitsInTextAreFine(String expression) {
        assertThat(NumberLiterals.firstOutOfRange(expression)).isEmpty();
    }
}
