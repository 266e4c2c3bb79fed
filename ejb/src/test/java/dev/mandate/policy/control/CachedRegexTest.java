package dev.mandate.policy.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.CelOptions;
import dev.cel.runtime.RuntimeHelpers;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** CachedRegex must answer exactly as cel-java's own matches does, errors included. */
class CachedRegexTest {

    private static final CelOptions WHOLE =
            CelOptions.current().maxRegexProgramSize(40).build();
    private static final CelOptions PARTIAL =
            CelOptions.current().enableRegexPartialMatch(true).build();

    @Property(tries = 500)
    void answersAsCelDoes(@ForAll("texts") String text, @ForAll("regexes") String regex) {
        for (CelOptions options : new CelOptions[] {WHOLE, PARTIAL}) {
            assertThat(outcome(() -> CachedRegex.matches(text, regex, options)))
                    .isEqualTo(outcome(() -> RuntimeHelpers.matches(text, regex, options)));
            // and again, from the cache
            assertThat(outcome(() -> CachedRegex.matches(text, regex, options)))
                    .isEqualTo(outcome(() -> RuntimeHelpers.matches(text, regex, options)));
        }
    }

    private static String outcome(java.util.function.BooleanSupplier match) {
        try {
            return String.valueOf(match.getAsBoolean());
        } catch (RuntimeException failed) {
            return failed.getClass().getSimpleName() + ": " + failed.getMessage();
        }
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.of("", "DE89370400440532013000", "de89 3704", "abc", "a.b@c.example", "x\ny", "ünï");
    }

    @Provide
    Arbitrary<String> regexes() {
        return Arbitraries.of(
                "^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$",
                "[a-z]+", "b", "^$", "(a|b)*c", "(", "[[:alpha:]]+", "(?i)DE", "a{1000}", ".*@c\\.example");
    }
}
