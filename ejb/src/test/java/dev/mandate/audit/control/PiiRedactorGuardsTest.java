package dev.mandate.audit.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The guards that skip passes never change what is redacted: guarded equals running every pass. */
class PiiRedactorGuardsTest {

    @Property(tries = 5000)
    void guardedRedactionEqualsRunningEveryPass(@ForAll("texts") String text) {
        assertThat(PiiRedactor.redact(text, true)).isEqualTo(PiiRedactor.redact(text, false));
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> fragment = Arbitraries.oneOf(
                Arbitraries.of(
                        "alice@example.com",
                        "Bearer abcdefgh12345678",
                        "basic dXNlcjpwYXNz",
                        "token=s3cr3t",
                        "password: \"x y\"",
                        "eyJhbGciOi.eyJzdWIiOi.c2ln",
                        "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----",
                        "GB82 WEST 1234 5698 7654 32",
                        "DE89370400440532013000",
                        "4111 1111 1111 1111",
                        "4111-1111-1111-1112",
                        "123-45-6789",
                        "AB 12 34 56 C",
                        "+44 20 7946 0958",
                        "(415) 555-0132",
                        "020 7946 0958",
                        "07700900123",
                        "INV-2024-0001",
                        "amount=12.50",
                        "2026-11-21T10:00:00Z",
                        "task=pay-invoice",
                        "erp:pay",
                        "API-KEY: k1",
                        "Client_Secret='a b'",
                        "PWD=x",
                        "credentials: c",
                        "refresh-token=r",
                        "ticketId",
                        "GB12",
                        "(415)555-0132",
                        "020/7946/0958",
                        "123 45 6789",
                        "AB123456C",
                        "c71894f8-1b71-4abd-842d-d1bef8e84a5d",
                        "{\"db_password\":\"pw\"}",
                        "sessionToken=abc",
                        "\"x_auth_token\": {\"a\":[1,\"}\"]}",
                        "{\"name\":\"X-Api-Key\",\"value\":\"k\"}",
                        "sk_live_4eC39HqLyjWDarjt",
                        "AKIAIOSFODNN7EXAMPLE",
                        "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
                        "Cookie: sid=1; x=2",
                        "max_tokens: 5"),
                Arbitraries.strings()
                        .withChars("0123456789 -+:=@.()/abcXYZkeyKEY")
                        .ofMaxLength(24),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20));
        Arbitrary<String> separator = Arbitraries.of(" ", ", ", "\"", "=", ":", "", "\n", "{", "}");
        return Arbitraries.lazy(() -> fragment).list().ofMinSize(1).ofMaxSize(6).flatMap(parts -> separator
                .list()
                .ofSize(parts.size())
                .map(seps -> join(parts, seps)));
    }

    private static String join(List<String> parts, List<String> separators) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            text.append(parts.get(i)).append(separators.get(i));
        }
        return text.toString();
    }
}
