package dev.mandate.scim.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.scim.ScimSchemas;
import dev.mandate.scim.error.ScimProblem;
import dev.mandate.scim.http.ScimJson;
import org.junit.jupiter.api.Test;

class UserMapperTest {

    @Test
    void mapsCoreAndExtensionAndKeepsDirectoryDataButNeverThePassword() {
        UserMapper.Mapped mapped = UserMapper.fromScim(
                ScimJson.readObject("{\"schemas\":[\"" + ScimSchemas.USER + "\"],\"userName\":\"Bot@x.example\","
                        + "\"externalId\":\"e1\",\"displayName\":\"Bot\",\"active\":\"False\",\"password\":\"p\","
                        + "\"name\":{\"givenName\":\"B\"},\"emails\":[{\"type\":\"home\",\"value\":\"h@x\"},"
                        + "{\"type\":\"work\",\"value\":\"w@x\"}],\"" + ScimSchemas.AGENT + "\":{\"sponsor\":\"s\","
                        + "\"defaultTier\":\"autonomous\",\"workflow\":\"wf-1\"}}"),
                null);
        assertThat(mapped.profile().name()).isEqualTo("Bot@x.example");
        assertThat(mapped.profile().sponsor()).isEqualTo("s");
        assertThat(mapped.profile().defaultTier()).isEqualTo(AuthorityTier.AUTONOMOUS);
        assertThat(mapped.profile().workflow()).isEqualTo("wf-1");
        assertThat(mapped.active()).isFalse();
        assertThat(mapped.attributes().email()).isEqualTo("w@x");
        assertThat(mapped.attributes().json())
                .contains("givenName")
                .doesNotContain("password")
                .doesNotContain("\"p\"");
    }

    @Test
    void sponsorFallsBackToTheEnterpriseManagerElseThereIsNone() {
        UserMapper.Mapped mapped = UserMapper.fromScim(
                ScimJson.readObject("{\"userName\":\"b\",\"" + ScimSchemas.ENTERPRISE_USER
                        + "\":{\"manager\":{\"value\":\"boss\"}}}"),
                null);
        assertThat(mapped.profile().sponsor()).isEqualTo("boss");
        assertThat(mapped.profile().defaultTier()).isEqualTo(AuthorityTier.READ_ONLY);
        assertThat(UserMapper.fromScim(ScimJson.readObject("{\"userName\":\"b\"}"), null)
                        .profile()
                        .sponsor())
                .isNull();
        assertThat(UserMapper.fromScim(
                                ScimJson.readObject(
                                        "{\"userName\":\"b\",\"" + ScimSchemas.AGENT + "\":{\"sponsor\":\"  \"}}"),
                                null)
                        .profile()
                        .sponsor())
                .isNull();
    }

    @Test
    void wrongTypesAreInvalidValue() {
        for (String body : new String[] {
            "{\"userName\":5}",
            "{\"userName\":\"a b\"}",
            "{\"userName\":\"b\",\"active\":\"yes\",\"" + ScimSchemas.AGENT + "\":{\"sponsor\":\"s\"}}",
            "{\"userName\":\"b\",\"emails\":{},\"" + ScimSchemas.AGENT + "\":{\"sponsor\":\"s\"}}",
            "{\"userName\":\"b\",\"" + ScimSchemas.AGENT + "\":{\"sponsor\":\"s\",\"defaultTier\":\"GOD\"}}"
        }) {
            assertThatThrownBy(() -> UserMapper.fromScim(ScimJson.readObject(body), null), body)
                    .isInstanceOf(ScimProblem.class)
                    .satisfies(e -> assertThat(((ScimProblem) e).scimType()).isEqualTo("invalidValue"));
        }
    }
}
