package dev.mandate.notification.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.platform.error.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryCursorTest {

    @Test
    void aCursorReadsBackAsTheSamePlace() {
        DeliveryCursor cursor =
                new DeliveryCursor(Instant.parse("2026-03-01T10:15:30.123Z"), "01890a5d-ac96-774b-bcce-b302099a8057");

        String encoded = cursor.encode();

        assertThat(encoded).doesNotContain("=", "+", "/");
        assertThat(DeliveryCursor.decode(encoded)).isEqualTo(cursor);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64!", "MTIzNDU2", "bm9wZQ"})
    void anythingElseIs400NamingTheCursor(String cursor) {
        assertThatThrownBy(() -> DeliveryCursor.decode(cursor))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("cursor:");
    }

    @Test
    void aCursorWhoseIdIsNoIdIs400() {
        String forged = Base64.getUrlEncoder()
                .encodeToString("1:' or 1=1 --                        ".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> DeliveryCursor.decode(forged)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void anOverlongCursorIs400() {
        assertThatThrownBy(() -> DeliveryCursor.decode("A".repeat(101))).isInstanceOf(InvalidRequestException.class);
    }
}
