package dev.mandate.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.api.agent.AgentRequest;
import dev.mandate.api.agent.StatusChangeRequest;
import dev.mandate.api.devtoken.DevTokenRequest;
import dev.mandate.api.rbac.RoleRequest;
import dev.mandate.platform.error.Violation;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonShapeCheckTest {

    private static final String TIERS = "must be one of READ_ONLY, SUGGEST_ONLY, EXECUTE_WITH_APPROVAL, AUTONOMOUS";
    private static final String UNKNOWN = "is not a property of this resource (unknown or read-only)";

    /** A request class with the field kinds the real ones do not have (yet). */
    public static class Shapes {
        public static String CONSTANT = "x";
        public double ratio;
        public Integer count;
        public Map<String, String> labels;
        public JsonValue raw;
        public Object anything;
        public List<List<Integer>> matrix;
        String packagePrivate;
    }

    /** Single quotes stand for double quotes, to keep the JSON readable here. */
    private static List<Violation> check(String json, Class<?> type) {
        try (JsonReader reader = Json.createReader(new StringReader(json.replace('\'', '"')))) {
            return new JsonShapeCheck().check(reader.readValue(), type);
        }
    }

    @Test
    void aWellShapedAgentPasses() {
        assertThat(check(
                        "{'name': 'triage-bot', 'description': 'Sorts tickets', 'sponsor': 'alice@example.com',"
                                + " 'defaultTier': 'SUGGEST_ONLY', 'externalId': 'ext-1', 'workflow': 'support'}",
                        AgentRequest.class))
                .isEmpty();
    }

    @Test
    void anEmptyObjectPassesTheShapeCheck() {
        assertThat(check("{}", AgentRequest.class)).isEmpty();
    }

    @Test
    void nullsPassWhateverTheFieldType() {
        assertThat(check("{'name': null, 'defaultTier': null, 'description': null}", AgentRequest.class))
                .isEmpty();
        assertThat(check("{'name': null, 'approver': null, 'permissions': null}", RoleRequest.class))
                .isEmpty();
        assertThat(check("{'name': 'r', 'permissions': [null, {'tool': null, 'action': null}]}", RoleRequest.class))
                .isEmpty();
        assertThat(check("{'ttlSeconds': null, 'groups': null}", DevTokenRequest.class))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "5.5", "true", "false", "['triage-bot']", "{'first': 'triage'}"})
    void aStringFieldWantsAString(String value) {
        assertThat(check("{'name': " + value + "}", AgentRequest.class))
                .containsExactly(new Violation("name", "must be a string"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"'true'", "1", "0", "'yes'", "[true]", "{}"})
    void aBooleanFieldWantsTrueOrFalse(String value) {
        assertThat(check("{'name': 'r', 'approver': " + value + ", 'permissions': []}", RoleRequest.class))
                .containsExactly(new Violation("approver", "must be true or false"));
    }

    @Test
    void trueAndFalseAreBooleans() {
        assertThat(check("{'approver': true}", RoleRequest.class)).isEmpty();
        assertThat(check("{'approver': false}", RoleRequest.class)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"'3600'", "3600.5", "1.0", "true", "[3600]"})
    void anIntegerFieldWantsAnIntegralNumber(String value) {
        assertThat(check("{'ttlSeconds': " + value + "}", DevTokenRequest.class))
                .containsExactly(new Violation("ttlSeconds", "must be an integer"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3600", "0", "-5", "86400"})
    void integralNumbersAreIntegers(String value) {
        assertThat(check("{'ttlSeconds': " + value + "}", DevTokenRequest.class))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"'GOD_MODE'", "'read_only'", "''", "2", "true", "['READ_ONLY']"})
    void anEnumFieldWantsOneOfItsConstants(String value) {
        assertThat(check("{'defaultTier': " + value + "}", AgentRequest.class))
                .containsExactly(new Violation("defaultTier", TIERS));
    }

    @Test
    void everyConstantOfAnEnumPasses() {
        for (String tier : List.of("READ_ONLY", "SUGGEST_ONLY", "EXECUTE_WITH_APPROVAL", "AUTONOMOUS")) {
            assertThat(check("{'defaultTier': '" + tier + "'}", AgentRequest.class))
                    .isEmpty();
        }
        assertThat(check("{'status': 'SUSPENDED', 'reason': 'pause'}", StatusChangeRequest.class))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"'erp'", "{'tool': 'erp', 'action': '*'}", "3", "true"})
    void aListFieldWantsAnArray(String value) {
        assertThat(check("{'name': 'r', 'permissions': " + value + "}", RoleRequest.class))
                .containsExactly(new Violation("permissions", "must be an array"));
    }

    @Test
    void listElementsAreCheckedWithTheirIndex() {
        assertThat(check("{'groups': ['mandate-admin', 7, ['x'], 'mandate-agent']}", DevTokenRequest.class))
                .containsExactly(
                        new Violation("groups[1]", "must be a string"), new Violation("groups[2]", "must be a string"));
    }

    @Test
    void aNestedObjectMustBeAnObject() {
        assertThat(check("{'permissions': [{'tool': 'erp', 'action': '*'}, 'erp:*', ['erp']]}", RoleRequest.class))
                .containsExactly(
                        new Violation("permissions[1]", "must be a JSON object"),
                        new Violation("permissions[2]", "must be a JSON object"));
    }

    @Test
    void nestedPropertiesAreReportedWithTheirJsonPath() {
        assertThat(check(
                        "{'name': 'r', 'permissions': [{'tool': 'erp', 'action': '*'}, {'tool': 1, 'action': 'x'}]}",
                        RoleRequest.class))
                .containsExactly(new Violation("permissions[1].tool", "must be a string"));
    }

    @Test
    void anUnknownPropertyIsReportedByName() {
        assertThat(check("{'name': 'bot', 'id': 'a-1', 'tenantId': 'other'}", AgentRequest.class))
                .containsExactlyInAnyOrder(new Violation("id", UNKNOWN), new Violation("tenantId", UNKNOWN));
    }

    @Test
    void readOnlyPropertiesOfTheResponseAreUnknownInARequest() {
        assertThat(check("{'status': 'ACTIVE', 'version': 3, 'createdBy': 'me'}", AgentRequest.class))
                .containsExactlyInAnyOrder(
                        new Violation("status", UNKNOWN),
                        new Violation("version", UNKNOWN),
                        new Violation("createdBy", UNKNOWN));
    }

    @Test
    void anUnknownNestedPropertyIsReportedWithItsJsonPath() {
        assertThat(check(
                        "{'permissions': [{'tool': 'erp', 'action': '*'}, {'tool': 'crm', 'action': 'read',"
                                + " 'scope': 'all'}]}",
                        RoleRequest.class))
                .containsExactly(new Violation("permissions[1].scope", UNKNOWN));
    }

    @Test
    void propertyNamesAreCaseSensitive() {
        assertThat(check("{'Name': 'bot'}", AgentRequest.class)).containsExactly(new Violation("Name", UNKNOWN));
    }

    @Test
    void anUnknownPropertyIsRefusedEvenWhenItsValueIsNull() {
        assertThat(check("{'id': null}", AgentRequest.class)).containsExactly(new Violation("id", UNKNOWN));
    }

    @Test
    void severalViolationsAreReportedAtOnce() {
        assertThat(check(
                        "{'name': 5, 'approver': 'yes', 'owner': 'me', 'permissions':"
                                + " [{'tool': ['erp'], 'action': '*', 'extra': 1}, 'erp']}",
                        RoleRequest.class))
                .containsExactlyInAnyOrder(
                        new Violation("name", "must be a string"),
                        new Violation("approver", "must be true or false"),
                        new Violation("owner", UNKNOWN),
                        new Violation("permissions[0].tool", "must be a string"),
                        new Violation("permissions[0].extra", UNKNOWN),
                        new Violation("permissions[1]", "must be a JSON object"));
    }

    @Test
    void violationsComeInDocumentOrder() {
        assertThat(check("{'sponsor': 1, 'name': 2, 'defaultTier': 3}", AgentRequest.class))
                .extracting(Violation::field)
                .containsExactly("sponsor", "name", "defaultTier");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{'name': 'bot'}]", "'bot'", "42", "true"})
    void theBodyMustBeAnObject(String json) {
        assertThat(check(json, AgentRequest.class)).containsExactly(new Violation("body", "must be a JSON object"));
    }

    @Test
    void aNullBodyIsLeftToTheCaller() {
        assertThat(check("null", AgentRequest.class)).isEmpty();
    }

    @Test
    void staticAndNonPublicFieldsAreNotProperties() {
        assertThat(check("{'CONSTANT': 'y', 'packagePrivate': 'z'}", Shapes.class))
                .containsExactlyInAnyOrder(
                        new Violation("CONSTANT", UNKNOWN), new Violation("packagePrivate", UNKNOWN));
    }

    @Test
    void numbersMapsJsonValuesAndObjectsAreCheckedByKind() {
        assertThat(check(
                        "{'ratio': 0.5, 'count': 3, 'labels': {'a': 1}, 'raw': [1, 'x'], 'anything': {'deep': [true]},"
                                + " 'matrix': [[1, 2], [3]]}",
                        Shapes.class))
                .isEmpty();
        assertThat(check("{'ratio': 'half', 'count': 2.5, 'matrix': [[1, 'two'], 3]}", Shapes.class))
                .containsExactly(
                        new Violation("ratio", "must be a number"),
                        new Violation("count", "must be an integer"),
                        new Violation("matrix[0][1]", "must be an integer"),
                        new Violation("matrix[1]", "must be an array"));
    }

    @Test
    void eachCheckStartsEmpty() {
        JsonValue bad = Json.createObjectBuilder().add("id", "x").build();
        JsonValue good = Json.createObjectBuilder().add("name", "bot").build();

        assertThat(new JsonShapeCheck().check(bad, AgentRequest.class)).hasSize(1);
        assertThat(new JsonShapeCheck().check(good, AgentRequest.class)).isEmpty();
    }
}
