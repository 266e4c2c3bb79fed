package dev.mandate.audit.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiiRedactorTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "alice@example.com",
                "Alice.Smith+tag@mail.example.co.uk",
                "first_last-99@sub.domain.io",
                "UPPER@EXAMPLE.ORG"
            })
    void emails(String email) {
        assertThat(PiiRedactor.redact("mail " + email + ", thanks")).isEqualTo("mail [EMAIL], thanks");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "+1 415 555 0132",
                "+1 (415) 555-0132",
                "+44 20 7946 0958",
                "+442079460958",
                "+49 30 1234567",
                "+33 1 23 45 67 89",
                "+91-98765-43210",
                "(415) 555-0132",
                "415-555-0132",
                "415.555.0132",
                "020 7946 0958",
                "07700 900123",
                "07700900123",
                "06 12 34 56 78",
                "030/12345678"
            })
    void phoneNumbers(String phone) {
        assertThat(PiiRedactor.redact("call " + phone + " today")).isEqualTo("call [PHONE] today");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "4111 1111 1111 1111",
                "4111-1111-1111-1111",
                "4111111111111111",
                "5500 0000 0000 0004",
                "3782 822463 10005",
                "6011000990139424",
                "4222222222222",
                "6304000000000000018"
            })
    void cardNumbersThatPassLuhn(String card) {
        assertThat(PiiRedactor.redact("card " + card + " on file")).isEqualTo("card [CARD] on file");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "order 4111 1111 1111 1112",
                "invoice 1234567890123",
                "shipment 1234-5678-9012-3456",
                "ref 99999999999999999"
            })
    void numbersThatFailLuhnStay(String text) {
        assertThat(PiiRedactor.redact(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "DE89 3704 0044 0532 0130 00",
                "DE89370400440532013000",
                "GB82 WEST 1234 5698 7654 32",
                "GB82WEST12345698765432",
                "FR14 2004 1010 0505 0001 3M02 606",
                "NL91ABNA0417164300",
                "CH93 0076 2011 6238 5295 7",
                "BE68539007547034",
                "NO9386011117947",
                "de89370400440532013000"
            })
    void ibansWithValidCheckDigits(String iban) {
        assertThat(PiiRedactor.redact("pay to " + iban + " now")).isEqualTo("pay to [IBAN] now");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE89 3704 0044 0532 0130 01", "GB00WEST12345698765432", "XX12 3456 7890 1234 5678"})
    void ibanLookalikesWithWrongCheckDigitsStay(String text) {
        assertThat(PiiRedactor.redact(text)).doesNotContain("[IBAN]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"123-45-6789", "123 45 6789", "AB123456C", "AB 12 34 56 C", "ce123456a"})
    void nationalIds(String id) {
        assertThat(PiiRedactor.redact("id " + id + ".")).isEqualTo("id [NATIONAL_ID].");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "000-12-3456", // area 000 never issued
                "666-12-3456",
                "912-34-5678",
                "123-00-4567",
                "123-45-0000",
                "123456789", // bare nine digits: too ambiguous
                "BG123456C", // invalid NINO prefixes
                "GB123456A",
                "QQ123456C",
                "AB123456E"
            })
    void nationalIdLookalikesStay(String text) {
        assertThat(PiiRedactor.redact("x " + text + " y")).isEqualTo("x " + text + " y");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-11-21T10:15:30Z",
                "2026-11-21",
                "amount 1234.56 EUR",
                "invoice INV-2026-000123",
                "order 12345678",
                "agent 3f2b9c1e-5d4a-4f7b-9e1a-2b3c4d5e6f70",
                "tool erp action release_payment",
                "version 1.2.3",
                "port 8080, 28048",
                "ratio 0.123456789"
            })
    void ordinaryTextStays(String text) {
        assertThat(PiiRedactor.redact(text)).isEqualTo(text);
    }

    @Test
    void secretsAreRemoved() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZ2VudCJ9.c2lnbmF0dXJlLXZhbHVl";
        assertThat(PiiRedactor.redact("Authorization: Bearer " + jwt))
                .doesNotContain(jwt)
                .contains("[SECRET]");
        assertThat(PiiRedactor.redact("token " + jwt + " used")).isEqualTo("token [SECRET] used");
        assertThat(PiiRedactor.redact("Bearer abcdefghijklmnop")).isEqualTo("Bearer [SECRET]");
        assertThat(PiiRedactor.redact("password=hunter22 user=bob")).isEqualTo("password=[SECRET] user=bob");
        assertThat(PiiRedactor.redact("api_key: 'sk-live-123'")).isEqualTo("api_key: [SECRET]");
        assertThat(PiiRedactor.redact("{\"client_secret\": \"s3cr3t\"}")).doesNotContain("s3cr3t");
        String pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";
        assertThat(PiiRedactor.redact("key " + pem + " end")).isEqualTo("key [SECRET] end");
    }

    @Test
    void detailValuesOfSecretNamedKeysGoEntirely() {
        assertThat(PiiRedactor.redactValue("dbPassword", "anything at all")).isEqualTo("[SECRET]");
        assertThat(PiiRedactor.redactValue("apiKey", "x")).isEqualTo("[SECRET]");
        assertThat(PiiRedactor.redactValue("after", "sponsor=alice@example.com"))
                .isEqualTo("sponsor=[EMAIL]");
        assertThat(PiiRedactor.redactValue("after", null)).isNull();
    }

    @Test
    void everythingInOneText() {
        String text = "Refund for bob@example.com (+44 20 7946 0958), card 4111 1111 1111 1111, IBAN"
                + " DE89 3704 0044 0532 0130 00, SSN 123-45-6789, NINO AB123456C, order 4711, 2026-11-21";
        assertThat(PiiRedactor.redact(text))
                .isEqualTo("Refund for [EMAIL] ([PHONE]), card [CARD], IBAN [IBAN], SSN [NATIONAL_ID],"
                        + " NINO [NATIONAL_ID], order 4711, 2026-11-21");
    }

    @ParameterizedTest
    @CsvSource({"4111111111111111,true", "4111111111111112,false", "79927398713,true", "0,true"})
    void luhn(String digits, boolean valid) {
        assertThat(PiiRedactor.luhn(digits)).isEqualTo(valid);
    }

    @Test
    void nullAndEmptyStay() {
        assertThat(PiiRedactor.redact(null)).isNull();
        assertThat(PiiRedactor.redact("")).isEmpty();
    }
}
