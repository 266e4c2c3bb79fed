package dev.mandate.connector.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfiguredCredentialSourceTest {

    private static final CredentialScope ACME_CRM = new CredentialScope("acme", "crm", null, null);

    @Test
    void keysNameTenantCredentialPersonAndField() {
        assertThat(ConfiguredCredentialSource.key(ACME_CRM, CredentialField.CLIENT_SECRET))
                .isEqualTo("mandate.credentials.acme.crm.client-secret");
        assertThat(ConfiguredCredentialSource.key(
                        new CredentialScope("acme-eu", "crm.v2", "agent-1", "alice@example.com"), CredentialField.KEY))
                .isEqualTo("mandate.credentials.acme-eu.crm.v2.person.alice@example.com.key");
    }

    @Test
    void anExactlyNamedValueIsRead() {
        var source = new ConfiguredCredentialSource(
                ConfigValues.payara(Map.of("mandate.credentials.acme-eu.crm.v2.key", "k-1"), Map.of()));
        assertThat(source.value(new CredentialScope("acme-eu", "crm.v2", null, null), CredentialField.KEY))
                .contains("k-1");
        assertThat(source.value(ACME_CRM, CredentialField.KEY)).isEmpty();
    }

    @Test
    void anEnvironmentVariableServesAKeyItsNameCanMeanAlone() {
        var source = new ConfiguredCredentialSource(
                ConfigValues.payara(Map.of(), Map.of("MANDATE_CREDENTIALS_ACME_CRM_CLIENT_ID", "client-1")));
        assertThat(source.value(ACME_CRM, CredentialField.CLIENT_ID)).contains("client-1");
    }

    @Test
    void anEnvironmentVariableThatCouldBeAnotherTenantsIsNeverRead() {
        // set for tenant acme-eu's "crm"; tenant acme's "eu.crm" maps to the same variable name
        var source = new ConfiguredCredentialSource(
                ConfigValues.payara(Map.of(), Map.of("MANDATE_CREDENTIALS_ACME_EU_CRM_KEY", "acme-eu-secret")));
        assertThatThrownBy(() -> source.value(new CredentialScope("acme", "eu.crm", null, null), CredentialField.KEY))
                .isInstanceOf(CredentialUnavailableException.class)
                .hasMessageContaining("environment variable")
                .hasMessageNotContaining("acme-eu-secret");
        // nor by the tenant it was meant for, whose name is just as ambiguous
        assertThatThrownBy(() -> source.value(new CredentialScope("acme-eu", "crm", null, null), CredentialField.KEY))
                .isInstanceOf(CredentialUnavailableException.class);
    }

    @Test
    void aPersonsEntryIsNeverReadFromTheEnvironment() {
        // tenant acme's person "password" would otherwise read tenant acme-crm's "key" password
        var source = new ConfiguredCredentialSource(
                ConfigValues.payara(Map.of(), Map.of("MANDATE_CREDENTIALS_ACME_CRM_PERSON_PASSWORD_KEY", "x-secret")));
        assertThatThrownBy(() ->
                        source.value(new CredentialScope("acme", "crm", "agent-1", "password"), CredentialField.KEY))
                .isInstanceOf(CredentialUnavailableException.class);
    }

    @Test
    void aPersonIdThatCannotBeAKeyHasNoEntry() {
        var source = new ConfiguredCredentialSource(
                ConfigValues.payara(Map.of("mandate.credentials.acme.crm.person.a/b.key", "k"), Map.of()));
        assertThat(source.value(new CredentialScope("acme", "crm", "agent-1", "a/b"), CredentialField.KEY))
                .isEmpty();
    }

    @Test
    void anEmptyValueIsNoValue() {
        var source = new ConfiguredCredentialSource(
                ConfigValues.payara(Map.of("mandate.credentials.acme.crm.key", ""), Map.of()));
        assertThat(source.value(ACME_CRM, CredentialField.KEY)).isEmpty();
    }
}
