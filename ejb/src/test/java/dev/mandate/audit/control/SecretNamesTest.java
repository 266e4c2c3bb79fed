package dev.mandate.audit.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretNamesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "password",
                "db_password",
                "DB_PASSWORD",
                "dbPassword",
                "dbpassword",
                "passwd",
                "pwd",
                "passphrase",
                "sessionToken",
                "x_auth_token",
                "X-Auth-Token",
                "access_token",
                "refreshToken",
                "id_token",
                "apiKey",
                "api_key",
                "API-KEY",
                "APIKey",
                "apikey",
                "x-api-key",
                "private-key",
                "privateKey",
                "private.key",
                "secret",
                "clientSecret",
                "client.secret",
                "AWSSecretAccessKey",
                "credentials",
                "Authorization",
                "proxy-authorization",
                "auth",
                "Cookie",
                "set-cookie",
                "session",
                "sessionId",
                "JSESSIONID",
                "bearer",
                "pin",
                "cardPin",
                "otp",
                "totp",
                "ssn",
                "cvv",
                "passwordHint"
            })
    void secretNames(String name) {
        assertThat(SecretNames.isSecret(name)).as(name).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "keyboard",
                "monkey",
                "author",
                "passport",
                "tokenizer",
                "donkey",
                "turnkey",
                "spinner",
                "keyId",
                "key_id",
                "publicKey",
                "public_key",
                "sortKey",
                "partitionKey",
                "idempotencyKey",
                "tokenType",
                "token_type",
                "max_tokens",
                "maxTokens",
                "input_tokens",
                "token_count",
                "session_count",
                "authMethod",
                "invoiceId",
                "amount",
                "sponsor",
                "description",
                "secretary"
            })
    void harmlessNames(String name) {
        assertThat(SecretNames.isSecret(name)).as(name).isFalse();
    }

    @Test
    void partsSplitCamelCaseAcronymsAndSeparators() {
        assertThat(SecretNames.parts("AWSSecretAccessKey")).containsExactly("aws", "secret", "access", "key");
        assertThat(SecretNames.parts("x_auth-token.v2")).containsExactly("x", "auth", "token", "v");
        assertThat(SecretNames.parts("sessionToken")).containsExactly("session", "token");
    }
}
