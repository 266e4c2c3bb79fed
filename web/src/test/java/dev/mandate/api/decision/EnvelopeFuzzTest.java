package dev.mandate.api.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mandate.api.http.RequestValidator;
import dev.mandate.api.json.HostileJson;
import dev.mandate.api.json.Readers;
import dev.mandate.platform.error.MandateException;
import dev.mandate.platform.json.PlainJson;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Envelopes with hostile values in any field, through everything before the decision's transaction: the
 * strict reader (syntax, parser limits, number range, storable text, shape, binding), Bean Validation,
 * the depth and stored-size checks, and the plain values the rules see. Each ends admitted (and then
 * every number reaches the rules exactly) or refused with a 4xx; never anything else, never slowly.
 */
class EnvelopeFuzzTest {

    private static final Validator VALIDATOR =
            RequestValidator.forRequestBodies(Validation.buildDefaultValidatorFactory());

    @Property(tries = 1500)
    void anEnvelopeIsAdmittedOrRefusedWith4xx(@ForAll("envelopes") String body) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> submit(body));
    }

    @Example
    void theIssuesHostileEnvelopesAreRefused() {
        String valid = "{\"agentId\":\"a\",\"taskId\":\"%s\",\"taskType\":\"t\",\"requestedAction\":{\"tool\":\"erp\","
                + "\"action\":\"pay\",\"arguments\":{\"amount\":%s}}}";
        for (String amount : new String[] {
            "1" + "0".repeat(1199), "1e-999999999", "18446744073709551916", "9223372036854775808", "1E400"
        }) {
            assertThat(submit(valid.formatted("t", amount))).as(amount).isEqualTo("refused");
        }
        assertThat(submit(valid.formatted("t\\u0000", "1"))).isEqualTo("refused");
        assertThat(submit(valid.formatted("x".repeat(129), "1"))).isEqualTo("refused");
        assertThat(submit(valid.formatted("x".repeat(128), "1"))).isEqualTo("admitted");
        assertThat(submit(valid.formatted("t", "\"" + "y".repeat(210_000) + "\"")))
                .isEqualTo("refused");
        for (int depth : new int[] {999, 1000, 1001}) {
            assertThat(submit(valid.formatted("t", "[".repeat(depth) + "]".repeat(depth))))
                    .as("depth " + depth)
                    .isEqualTo("refused");
        }
    }

    /** "admitted" or "refused" (with a 4xx); anything else fails the test. */
    private static String submit(String body) {
        try {
            EnvelopeRequest request = Readers.read(body, EnvelopeRequest.class);
            Set<ConstraintViolation<EnvelopeRequest>> violations = VALIDATOR.validate(request);
            if (!violations.isEmpty()) {
                return "refused";
            }
            EnvelopesResource.Admitted admitted = EnvelopesResource.admissible(request, 16);
            // what the decision path hands the rules: every number exact and in range
            PlainJson.map(admitted.envelope());
            PlainJson.map(request.requestedAction.arguments);
            PlainJson.map(request.policyContext);
            return "admitted";
        } catch (MandateException refused) {
            assertThat(refused.type().status()).isBetween(400, 499);
            return "refused";
        } catch (JsonbException refused) {
            return "refused";
        } catch (RuntimeException | StackOverflowError unexpected) {
            throw new AssertionError(
                    "failed with " + unexpected + " on "
                            + (body.length() > 300 ? body.substring(0, 300) + "..." : body),
                    unexpected);
        }
    }

    @Provide
    Arbitrary<String> envelopes() {
        return HostileJson.envelopes();
    }
}
