package dev.mandate.api.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.api.json.Readers;
import dev.mandate.platform.error.InvalidRequestException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookRequestTest {

    private static final Validator VALIDATOR =
            Validation.buildDefaultValidatorFactory().getValidator();

    private static Set<String> violations(String body) {
        WebhookRequest request = Readers.read(body, WebhookRequest.class);
        return VALIDATOR.validate(request).stream()
                .map(ConstraintViolation::getPropertyPath)
                .map(Object::toString)
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void aFullRequestBinds() {
        WebhookRequest request = Readers.read(
                "{\"url\":\"https://hooks.example.com/a\",\"eventTypes\":[\"approval.created\"],\"enabled\":false}",
                WebhookRequest.class);

        assertThat(request.url).isEqualTo("https://hooks.example.com/a");
        assertThat(request.eventTypes).isEqualTo(List.of("approval.created"));
        assertThat(request.isEnabled()).isFalse();
        assertThat(VALIDATOR.validate(request)).isEmpty();
    }

    @Test
    void anAbsentEnabledMeansEnabled() {
        WebhookRequest request =
                Readers.read("{\"url\":\"https://h.example.com\",\"eventTypes\":[\"*\"]}", WebhookRequest.class);

        assertThat(request.isEnabled()).isTrue();
    }

    @Test
    void urlAndEventTypesAreRequired() {
        assertThat(violations("{}")).containsExactlyInAnyOrder("url", "eventTypes");
        assertThat(violations("{\"url\":\" \",\"eventTypes\":[]}")).containsExactlyInAnyOrder("url", "eventTypes");
    }

    @Test
    void limitsAreTheColumns() {
        String longUrl = "https://h.example.com/" + "a".repeat(2000);
        assertThat(violations("{\"url\":\"" + longUrl + "\",\"eventTypes\":[\"*\"]}"))
                .containsExactly("url");
        assertThat(violations("{\"url\":\"https://h.example.com\",\"eventTypes\":[\"" + "a".repeat(65) + "\"]}"))
                .containsExactly("eventTypes[0].<list element>");
        assertThat(violations("{\"url\":\"https://h.example.com\",\"eventTypes\":[null]}"))
                .containsExactly("eventTypes[0].<list element>");
    }

    @Test
    void unknownFieldsAndWrongTypesAre400() {
        assertThatThrownBy(() -> Readers.read(
                        "{\"url\":\"https://h.example.com\",\"eventTypes\":[\"*\"],\"secret\":\"x\"}",
                        WebhookRequest.class))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("violation");
        assertThatThrownBy(() ->
                        Readers.read("{\"url\":\"https://h.example.com\",\"eventTypes\":\"*\"}", WebhookRequest.class))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> Readers.read(
                        "{\"url\":\"https://h.example.com\",\"eventTypes\":[\"*\"],\"enabled\":\"yes\"}",
                        WebhookRequest.class))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aNulOrALoneSurrogateIs400() {
        assertThatThrownBy(() -> Readers.read(
                        "{\"url\":\"https://h.example.com/\\u0000\",\"eventTypes\":[\"*\"]}", WebhookRequest.class))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> Readers.read(
                        "{\"url\":\"https://h.example.com\",\"eventTypes\":[\"\\ud800\"]}", WebhookRequest.class))
                .isInstanceOf(InvalidRequestException.class);
    }
}
