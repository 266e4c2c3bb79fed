package dev.mandate.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.platform.error.InvalidRequestException;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void aCursorHandedOutIsReadBackExactly() {
        Cursor cursor = new Cursor(Instant.parse("2026-12-02T10:15:30.123456Z"), "01JD8Z-abc");
        assertThat(Cursor.decode("cursor", cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void noCursorIsNull() {
        assertThat(Cursor.decode("cursor", null)).isNull();
        assertThat(Cursor.decode("cursor", " ")).isNull();
    }

    @Property(tries = 2000)
    void anythingElseIsABadRequestNeverAnotherFailure(@ForAll @StringLength(max = 400) String sent) {
        try {
            Cursor.decode("cursor", sent);
        } catch (InvalidRequestException refused) {
            assertThat(refused.violations()).singleElement().satisfies(v -> assertThat(v.field())
                    .isEqualTo("cursor"));
        }
    }

    @Test
    void aCursorOutOfTimeRangeOrWithAForeignIdIsRefused() {
        String farFuture = java.util.Base64.getUrlEncoder().encodeToString("99999999999999999.0|x".getBytes());
        String foreignId = java.util.Base64.getUrlEncoder().encodeToString("1.0|a'b".getBytes());
        assertThatThrownBy(() -> Cursor.decode("cursor", farFuture)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> Cursor.decode("cursor", foreignId)).isInstanceOf(InvalidRequestException.class);
    }
}
