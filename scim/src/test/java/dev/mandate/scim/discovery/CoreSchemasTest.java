package dev.mandate.scim.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mandate.scim.ScimSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The core schemas against RFC 7643 section 8.7.1: attributes, sub-attributes and characteristics. */
class CoreSchemasTest {

    private static final Set<String> CHARACTERISTICS = Set.of(
            "name",
            "type",
            "multiValued",
            "description",
            "required",
            "caseExact",
            "mutability",
            "returned",
            "uniqueness");

    @Test
    void userHasEveryAttributeOfTheRfcInItsOrder() {
        ObjectNode user = CoreSchemas.user();

        assertThat(user.get("id").textValue()).isEqualTo(ScimSchemas.USER);
        assertThat(user.get("name").textValue()).isEqualTo("User");
        assertThat(user.get("description").textValue()).isEqualTo("User Account");
        assertThat(names(user.get("attributes")))
                .containsExactly(
                        "userName",
                        "name",
                        "displayName",
                        "nickName",
                        "profileUrl",
                        "title",
                        "userType",
                        "preferredLanguage",
                        "locale",
                        "timezone",
                        "active",
                        "password",
                        "emails",
                        "phoneNumbers",
                        "ims",
                        "photos",
                        "addresses",
                        "groups",
                        "entitlements",
                        "roles",
                        "x509Certificates");
        assertThat(names(attribute(user, "name").get("subAttributes")))
                .containsExactly(
                        "formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix");
        assertThat(names(attribute(user, "addresses").get("subAttributes")))
                .containsExactly("formatted", "streetAddress", "locality", "region", "postalCode", "country", "type");
        for (String multi : List.of("emails", "phoneNumbers", "ims", "photos", "entitlements", "roles")) {
            assertThat(names(attribute(user, multi).get("subAttributes")))
                    .as(multi)
                    .containsExactly("value", "display", "type", "primary");
            assertThat(attribute(user, multi).get("multiValued").booleanValue()).isTrue();
        }
        assertThat(names(attribute(user, "groups").get("subAttributes")))
                .containsExactly("value", "$ref", "display", "type");
    }

    @Test
    void userCharacteristicsAreTheRfcs() {
        ObjectNode user = CoreSchemas.user();

        JsonNode userName = attribute(user, "userName");
        assertThat(userName.get("required").booleanValue()).isTrue();
        assertThat(userName.get("caseExact").booleanValue()).isFalse();
        assertThat(userName.get("uniqueness").textValue()).isEqualTo("server");
        assertThat(userName.get("description").textValue())
                .startsWith("Unique identifier for the User, typically used by the user to directly authenticate");
        JsonNode password = attribute(user, "password");
        assertThat(password.get("mutability").textValue()).isEqualTo("writeOnly");
        assertThat(password.get("returned").textValue()).isEqualTo("never");
        JsonNode groups = attribute(user, "groups");
        assertThat(groups.get("mutability").textValue()).isEqualTo("readOnly");
        groups.get("subAttributes")
                .forEach(sub -> assertThat(sub.get("mutability").textValue()).isEqualTo("readOnly"));
        assertThat(sub(groups, "$ref").get("referenceTypes"))
                .extracting(JsonNode::textValue)
                .containsExactly("User", "Group");
        assertThat(sub(attribute(user, "emails"), "type").get("canonicalValues"))
                .extracting(JsonNode::textValue)
                .containsExactly("work", "home", "other");
        assertThat(attribute(user, "active").get("type").textValue()).isEqualTo("boolean");
        assertThat(sub(attribute(user, "x509Certificates"), "value").get("type").textValue())
                .isEqualTo("binary");
        assertThat(attribute(user, "profileUrl").get("referenceTypes"))
                .extracting(JsonNode::textValue)
                .containsExactly("external");
    }

    @Test
    void groupAndEnterpriseUserAreTheRfcs() {
        ObjectNode group = CoreSchemas.group();
        assertThat(group.get("id").textValue()).isEqualTo(ScimSchemas.GROUP);
        assertThat(names(group.get("attributes"))).containsExactly("displayName", "members");
        JsonNode members = attribute(group, "members");
        assertThat(names(members.get("subAttributes"))).containsExactly("value", "$ref", "type");
        members.get("subAttributes")
                .forEach(sub -> assertThat(sub.get("mutability").textValue()).isEqualTo("immutable"));

        ObjectNode enterprise = CoreSchemas.enterpriseUser();
        assertThat(enterprise.get("id").textValue()).isEqualTo(ScimSchemas.ENTERPRISE_USER);
        assertThat(names(enterprise.get("attributes")))
                .containsExactly("employeeNumber", "costCenter", "organization", "division", "department", "manager");
        JsonNode manager = attribute(enterprise, "manager");
        assertThat(names(manager.get("subAttributes"))).containsExactly("value", "$ref", "displayName");
        assertThat(sub(manager, "displayName").get("mutability").textValue()).isEqualTo("readOnly");
    }

    @Test
    void everyAttributeAndSubAttributeCarriesEveryCharacteristic() {
        for (ObjectNode schema : List.of(CoreSchemas.user(), CoreSchemas.group(), CoreSchemas.enterpriseUser())) {
            for (JsonNode attribute : all(schema.get("attributes"))) {
                assertThat(fieldNames(attribute))
                        .as(schema.get("id").textValue() + " " + attribute.get("name"))
                        .containsAll(CHARACTERISTICS);
                assertThat(attribute.get("description").textValue()).isNotBlank();
                assertThat(attribute.has("subAttributes"))
                        .isEqualTo(attribute.get("type").textValue().equals("complex"));
            }
        }
    }

    private static List<JsonNode> all(JsonNode attributes) {
        List<JsonNode> found = new ArrayList<>();
        attributes.forEach(attribute -> {
            found.add(attribute);
            if (attribute.has("subAttributes")) {
                found.addAll(all(attribute.get("subAttributes")));
            }
        });
        return found;
    }

    private static List<String> names(JsonNode attributes) {
        return StreamSupport.stream(attributes.spliterator(), false)
                .map(attribute -> attribute.get("name").textValue())
                .toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode attribute(ObjectNode schema, String name) {
        return sub(schema.get("attributes"), name);
    }

    private static JsonNode sub(JsonNode attributeOrList, String name) {
        JsonNode list = attributeOrList.isArray() ? attributeOrList : attributeOrList.get("subAttributes");
        return StreamSupport.stream(list.spliterator(), false)
                .filter(attribute -> attribute.get("name").textValue().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no attribute " + name));
    }
}
