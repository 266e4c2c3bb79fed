package dev.mandate.scim.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mandate.scim.ScimSchemas;
import dev.mandate.scim.error.ScimProblem;
import dev.mandate.scim.http.ScimJson;
import org.junit.jupiter.api.Test;

class PatchNormalizerTest {

    private static ObjectNode user() {
        return ScimJson.readObject("{\"schemas\":[\"" + ScimSchemas.USER + "\"],\"id\":\"u1\",\"userName\":\"bot\","
                + "\"active\":true,\"emails\":[{\"type\":\"home\",\"value\":\"h@x.example\"}],"
                + "\"" + ScimSchemas.AGENT + "\":{\"sponsor\":\"alice\"}}");
    }

    private static ObjectNode group() {
        return ScimJson.readObject("{\"schemas\":[\"" + ScimSchemas.GROUP + "\"],\"id\":\"g1\",\"displayName\":\"ops\","
                + "\"members\":[{\"value\":\"a\"},{\"value\":\"b\"}]}");
    }

    private static void patch(ObjectNode resource, String body) {
        PatchNormalizer.apply(PatchNormalizer.operations(ScimJson.readObject(body)), resource);
    }

    @Test
    void entraCapitalisedOpWithBooleanString() {
        ObjectNode user = user();
        patch(
                user,
                "{\"schemas\":[\"" + ScimSchemas.PATCH_OP
                        + "\"],\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]}");
        assertThat(user.get("active").isBoolean()).isTrue();
        assertThat(user.get("active").booleanValue()).isFalse();
    }

    @Test
    void oktaNoPathDeactivation() {
        ObjectNode user = user();
        patch(user, "{\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}");
        assertThat(user.get("active").booleanValue()).isFalse();
    }

    @Test
    void entraDottedAndUrnKeysInNoPathReplace() {
        ObjectNode user = user();
        patch(
                user,
                "{\"Operations\":[{\"op\":\"replace\",\"value\":{\"name.givenName\":\"Ada\","
                        + "\"" + ScimSchemas.ENTERPRISE_USER + ":manager\":{\"value\":\"boss\"},"
                        + "\"" + ScimSchemas.AGENT + ":sponsor\":\"bob\",\"displayName\":\"Bot\"}}]}");
        assertThat(user.get("name").get("givenName").textValue()).isEqualTo("Ada");
        assertThat(user.get(ScimSchemas.ENTERPRISE_USER)
                        .get("manager")
                        .get("value")
                        .textValue())
                .isEqualTo("boss");
        assertThat(user.get(ScimSchemas.AGENT).get("sponsor").textValue()).isEqualTo("bob");
        assertThat(user.get("displayName").textValue()).isEqualTo("Bot");
    }

    @Test
    void replaceOfWorkEmailValueAddsItWhenMissing() {
        ObjectNode user = user();
        patch(
                user,
                "{\"Operations\":[{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"w@x.example\"}]}");
        assertThat(user.get("emails").toString())
                .contains("w@x.example")
                .contains("work")
                .contains("h@x.example");
        patch(
                user,
                "{\"Operations\":[{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"w2@x.example\"}]}");
        assertThat(user.get("emails").toString()).contains("w2@x.example").doesNotContain("w@x.example");
    }

    @Test
    void memberAddWithNullRefAndRemoveByFilterAndByValue() {
        ObjectNode group = group();
        patch(
                group,
                "{\"Operations\":[{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"c\",\"$ref\":null}]}]}");
        assertThat(group.get("members").toString()).contains("\"c\"").doesNotContain("$ref");
        patch(group, "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\"a\\\"]\"}]}");
        patch(group, "{\"Operations\":[{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"b\"}]}]}");
        assertThat(group.get("members").toString())
                .doesNotContain("\"a\"")
                .doesNotContain("\"b\"")
                .contains("\"c\"");
    }

    @Test
    void removingWhatIsNotThereIsFine() {
        ObjectNode group = group();
        patch(group, "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\"zzz\\\"]\"}]}");
        assertThat(group.get("members")).hasSize(2);
    }

    @Test
    void oktaGroupRenameRepeatsTheUnchangedId() {
        ObjectNode group = group();
        patch(group, "{\"Operations\":[{\"op\":\"replace\",\"value\":{\"id\":\"g1\",\"displayName\":\"renamed\"}}]}");
        assertThat(group.get("displayName").textValue()).isEqualTo("renamed");
        assertThat(group.get("id").textValue()).isEqualTo("g1");
    }

    @Test
    void fullMemberReplace() {
        ObjectNode group = group();
        patch(group, "{\"Operations\":[{\"op\":\"replace\",\"path\":\"members\",\"value\":[{\"value\":\"x\"}]}]}");
        assertThat(group.get("members")).hasSize(1);
        assertThat(group.get("members").get(0).get("value").textValue()).isEqualTo("x");
    }

    @Test
    void badShapesAreSyntaxErrors() {
        for (String body : new String[] {
            "{}",
            "{\"Operations\":[]}",
            "{\"Operations\":{}}",
            "{\"Operations\":[1]}",
            "{\"Operations\":[{\"op\":\"move\",\"path\":\"a\"}]}",
            "{\"Operations\":[{\"path\":\"a\"}]}",
            "{\"Operations\":[{\"op\":\"add\",\"path\":5,\"value\":1}]}",
            "{\"Operations\":[{\"op\":\"add\",\"path\":\"members[\",\"value\":1}]}",
            "{\"Operations\":[{\"op\":\"add\",\"path\":\"a\"}]}",
            "{\"Operations\":[{\"op\":\"replace\",\"value\":5}]}",
            "{\"Operations\":[{\"op\":\"remove\"}]}"
        }) {
            assertThatThrownBy(() -> patch(user(), body), body)
                    .isInstanceOf(ScimProblem.class)
                    .satisfies(e -> assertThat(((ScimProblem) e).status()).isEqualTo(400));
        }
    }
}
