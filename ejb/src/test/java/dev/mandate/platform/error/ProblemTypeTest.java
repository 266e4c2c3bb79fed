package dev.mandate.platform.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ProblemTypeTest {

    @ParameterizedTest
    @CsvSource({
        "400, BAD_REQUEST",
        "401, UNAUTHENTICATED",
        "403, FORBIDDEN",
        "404, NOT_FOUND",
        "405, METHOD_NOT_ALLOWED",
        "406, NOT_ACCEPTABLE",
        "409, CONFLICT",
        "412, PRECONDITION_FAILED",
        "413, PAYLOAD_TOO_LARGE",
        "415, UNSUPPORTED_MEDIA_TYPE",
        "428, PRECONDITION_REQUIRED",
        "500, INTERNAL_ERROR",
        "503, UNAVAILABLE"
    })
    void forStatusPicksTheGenericTypeOfAKnownStatus(int status, ProblemType expected) {
        assertThat(ProblemType.forStatus(status)).isEqualTo(expected);
    }

    @Test
    void forStatusNeverAnswersWithTheSpecificBadRequestTypes() {
        assertThat(ProblemType.forStatus(400))
                .isEqualTo(ProblemType.BAD_REQUEST)
                .isNotIn(ProblemType.VALIDATION_FAILED, ProblemType.MALFORMED_JSON);
    }

    @Test
    void forStatusOf403IsForbiddenNotAgentNotActive() {
        assertThat(ProblemType.forStatus(403)).isEqualTo(ProblemType.FORBIDDEN);
    }

    @ParameterizedTest
    @CsvSource({"402, BAD_REQUEST", "418, BAD_REQUEST", "429, BAD_REQUEST", "0, BAD_REQUEST"})
    void forStatusOfAnUnknownClientErrorIsBadRequest(int status, ProblemType expected) {
        assertThat(ProblemType.forStatus(status)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"501, INTERNAL_ERROR", "502, INTERNAL_ERROR", "504, INTERNAL_ERROR", "599, INTERNAL_ERROR"})
    void forStatusOfAnUnknownServerErrorIsInternalError(int status, ProblemType expected) {
        assertThat(ProblemType.forStatus(status)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(
            value = ProblemType.class,
            names = {
                "VALIDATION_FAILED",
                "MALFORMED_JSON",
                "AGENT_NOT_ACTIVE",
                "IDEMPOTENCY_KEY_REQUIRED",
                "IDEMPOTENCY_KEY_REUSED",
                "IDEMPOTENCY_IN_FLIGHT",
                "AGENT_MISMATCH"
            },
            mode = EnumSource.Mode.EXCLUDE)
    void everyGenericTypeIsFoundAgainByItsOwnStatus(ProblemType type) {
        assertThat(ProblemType.forStatus(type.status())).isEqualTo(type);
    }

    @ParameterizedTest
    @EnumSource(ProblemType.class)
    void everyTypeHasAStableUrnATitleAndAnErrorStatus(ProblemType type) {
        assertThat(type.uri()).startsWith("urn:mandate:problem:").matches("urn:mandate:problem:[a-z]+(-[a-z]+)*");
        assertThat(type.title()).isNotBlank();
        assertThat(type.status()).isBetween(400, 599);
    }

    @Test
    void urisAreUnique() {
        assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::uri)).doesNotHaveDuplicates();
    }

    @Test
    void knownUris() {
        assertThat(ProblemType.NOT_FOUND.uri()).isEqualTo("urn:mandate:problem:not-found");
        assertThat(ProblemType.VALIDATION_FAILED.uri()).isEqualTo("urn:mandate:problem:validation-failed");
        assertThat(ProblemType.PRECONDITION_REQUIRED.uri()).isEqualTo("urn:mandate:problem:precondition-required");
    }

    @Test
    void onlyTheSpecificTypesShareAStatusWithAGenericOne() {
        EnumSet<ProblemType> specific = EnumSet.of(
                ProblemType.VALIDATION_FAILED,
                ProblemType.MALFORMED_JSON,
                ProblemType.AGENT_NOT_ACTIVE,
                ProblemType.IDEMPOTENCY_KEY_REQUIRED,
                ProblemType.IDEMPOTENCY_KEY_REUSED,
                ProblemType.IDEMPOTENCY_IN_FLIGHT,
                ProblemType.AGENT_MISMATCH);
        assertThat(Arrays.stream(ProblemType.values())
                        .filter(type -> !specific.contains(type))
                        .map(ProblemType::status))
                .doesNotHaveDuplicates();
    }
}
