package dev.mandate.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void reproducesTheStandardWebhooksReferenceVector() {
        // what every Standard Webhooks library verifies: a receiver's library must accept what Mandate signs
        byte[] key = WebhookSignature.key(SECRET).orElseThrow();

        assertThat(WebhookSignature.sign(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void theIdTheTimestampAndEveryCharacterOfTheBodyAreSigned() {
        byte[] key = WebhookSignature.key(SECRET).orElseThrow();
        String signed = WebhookSignature.sign(key, "d-1", 1700000000, "{\"a\":\"é\"}");

        assertThat(WebhookSignature.sign(key, "d-2", 1700000000, "{\"a\":\"é\"}"))
                .isNotEqualTo(signed);
        assertThat(WebhookSignature.sign(key, "d-1", 1700000001, "{\"a\":\"é\"}"))
                .isNotEqualTo(signed);
        assertThat(WebhookSignature.sign(key, "d-1", 1700000000, "{\"a\":\"e\"}"))
                .isNotEqualTo(signed);
    }

    @Test
    void theKeyIsTheBase64AfterThePrefixOrTheWholeValue() {
        byte[] raw = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        String base64 = Base64.getEncoder().encodeToString(raw);

        assertThat(WebhookSignature.key("whsec_" + base64)).contains(raw);
        assertThat(WebhookSignature.key(base64)).contains(raw);
    }

    @Test
    void aShortOrMalformedSecretIsNoKey() {
        assertThat(WebhookSignature.key("whsec_" + Base64.getEncoder().encodeToString(new byte[15])))
                .isEmpty();
        assertThat(WebhookSignature.key("whsec_not base64!")).isEmpty();
        assertThat(WebhookSignature.key("")).isEmpty();
    }
}
