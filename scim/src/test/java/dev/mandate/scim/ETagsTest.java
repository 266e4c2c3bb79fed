package dev.mandate.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.platform.security.Versions;
import dev.mandate.scim.error.ScimProblem;
import org.junit.jupiter.api.Test;

class ETagsTest {

    @Test
    void parsesWeakStrongAnyAndNone() {
        assertThat(ETags.expected(null)).isNull();
        assertThat(ETags.expected("*")).isEqualTo(Versions.ANY);
        assertThat(ETags.expected("W/\"3\"")).isEqualTo(3L);
        assertThat(ETags.expected("\"4\"")).isEqualTo(4L);
        assertThatThrownBy(() -> ETags.expected("W/\"abc\""))
                .isInstanceOf(ScimProblem.class)
                .satisfies(e -> assertThat(((ScimProblem) e).status()).isEqualTo(412));
    }
}
