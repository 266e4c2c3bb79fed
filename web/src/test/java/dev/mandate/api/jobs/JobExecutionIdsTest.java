package dev.mandate.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ProblemType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobExecutionIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"1", "42", "0042", "9223372036854775807"})
    void positive64BitNumbersAreIds(String id) {
        assertThat(JobExecutionIds.parse(id)).isEqualTo(Long.parseLong(id));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "0",
                "-1",
                "+1",
                " 1",
                "1.0",
                "1e3",
                "abc",
                "0x10",
                "١٢",
                "9223372036854775808",
                "18446744073709551616",
                "99999999999999999999999"
            })
    void anythingElseIsAPreciseBadRequest(String id) {
        assertThatThrownBy(() -> JobExecutionIds.parse(id)).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.type()).isEqualTo(ProblemType.VALIDATION_FAILED);
            assertThat(e.violations()).singleElement().satisfies(v -> {
                assertThat(v.field()).isEqualTo("id");
                assertThat(v.message()).isEqualTo(JobExecutionIds.RULE);
            });
        });
    }
}
