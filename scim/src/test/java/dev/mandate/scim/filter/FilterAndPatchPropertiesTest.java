package dev.mandate.scim.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mandate.platform.query.Criteria;
import dev.mandate.scim.ScimSchemas;
import dev.mandate.scim.error.ScimProblem;
import dev.mandate.scim.filter.FilterTranslator.Target;
import dev.mandate.scim.http.ScimJson;
import dev.mandate.scim.patch.PatchNormalizer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing of the filter translator and PATCH paths: whatever arrives, the answer is a translation or a
 * 400 (never another exception, i.e. never a 5xx), within a time bound, and no client text ever reaches
 * the JPQL condition (which consists only of known columns, operators and parameters).
 */
class FilterAndPatchPropertiesTest {

    /** Everything a condition may consist of: mapped columns, keywords, operators, parameter names. */
    private static final Pattern SAFE_CONDITION = Pattern.compile(
            "(?:[ ()<>=,]|:p\\d+|escape '!'|[am]\\d*\\.[A-Za-z]+|[gr]\\d*\\.[A-Za-z]+|lower|like|and|or|not|is|null"
                    + "|exists|select|from|where|RoleAssignment|[amgr]\\d+|a|r)*");

    @Property(tries = 2000)
    void arbitraryTextNeverFailsOtherThanInvalidFilter(@ForAll("noise") String filter) {
        translateSafely(filter);
    }

    @Property(tries = 2000)
    void generatedFiltersTranslateToSafeConditions(@ForAll("filters") String filter) {
        translateSafely(filter);
    }

    @Property(tries = 1000)
    void arbitraryPatchesNeverFailOtherThanBadRequest(@ForAll("patches") String body) {
        ObjectNode user = ScimJson.readObject(
                "{\"schemas\":[\"" + ScimSchemas.USER + "\"],\"id\":\"u1\","
                        + "\"userName\":\"bot\",\"emails\":[{\"type\":\"work\",\"value\":\"w@x\"}],\"members\":[{\"value\":\"a\"}]}");
        within(() -> {
            try {
                PatchNormalizer.apply(PatchNormalizer.operations(ScimJson.readObject(body)), user);
            } catch (ScimProblem problem) {
                assertThat(problem.status()).isBetween(400, 499);
            }
        });
    }

    private static void translateSafely(String filter) {
        within(() -> {
            for (Target target : Target.values()) {
                try {
                    Criteria criteria = FilterTranslator.translate(filter, target);
                    if (criteria.condition() != null) {
                        assertThat(criteria.condition()).matches(SAFE_CONDITION);
                    }
                } catch (ScimProblem problem) {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.scimType()).isEqualTo("invalidFilter");
                }
            }
        });
    }

    private static void within(Runnable check) {
        try {
            CompletableFuture.runAsync(check).get(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof AssertionError assertion) {
                throw assertion;
            }
            throw new AssertionError("unexpected exception", e.getCause());
        } catch (Exception e) {
            throw new AssertionError("did not finish in time or was interrupted", e);
        }
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings()
                .withChars("userNamedisplayNmembrs[]()\"'\\ .:eqnecoswgtlprandortx%_!;-0123456789")
                .ofMaxLength(120);
    }

    @Provide
    Arbitrary<String> filters() {
        Arbitrary<String> attribute = Arbitraries.of(
                "userName",
                "id",
                "externalId",
                "displayName",
                "active",
                "emails",
                "emails.value",
                "emails.type",
                "meta.created",
                "meta.lastModified",
                "members",
                "members.value",
                "groups",
                "name.givenName",
                ScimSchemas.AGENT + ":sponsor",
                ScimSchemas.AGENT + ":defaultTier",
                "workflow",
                "unknown");
        Arbitrary<String> operator = Arbitraries.of("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le");
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(ScimJson::quote),
                Arbitraries.of("true", "false", "null", "42", "\"2026-01-01T00:00:00Z\"", "\"' or 1=1 --\""));
        Arbitrary<String> comparison =
                Combinators.combine(attribute, operator, value).as((a, o, v) -> a + " " + o + " " + v);
        Arbitrary<String> present = attribute.map(a -> a + " pr");
        Arbitrary<String> leaf = Arbitraries.oneOf(comparison, present);
        return Arbitraries.recursive(
                () -> leaf,
                inner -> Arbitraries.oneOf(
                        Combinators.combine(inner, Arbitraries.of(" and ", " or "), inner)
                                .as((l, op, r) -> l + op + r),
                        inner.map(f -> "not (" + f + ")"),
                        inner.map(f -> "(" + f + ")"),
                        Combinators.combine(Arbitraries.of("emails", "members"), inner)
                                .as((a, f) -> a + "[" + f + "]")),
                0,
                4);
    }

    @Provide
    Arbitrary<String> patches() {
        Arbitrary<String> op = Arbitraries.of("add", "Add", "replace", "Replace", "remove", "REMOVE", "move", "");
        Arbitrary<String> path = Arbitraries.oneOf(
                Arbitraries.of(
                        "active",
                        "emails[type eq \\\"work\\\"].value",
                        "members[value eq \\\"a\\\"]",
                        "members",
                        "name.givenName",
                        "userName",
                        "emails[",
                        "][",
                        "a.b.c.d",
                        "urn:x:y:z",
                        ScimSchemas.ENTERPRISE_USER + ":manager"),
                Arbitraries.strings().withChars("abc[]\\\".: eq").ofMaxLength(20));
        Arbitrary<String> value = Arbitraries.of(
                "\"False\"",
                "true",
                "1",
                "null",
                "[]",
                "{}",
                "[{\"value\":\"b\",\"$ref\":null}]",
                "{\"active\":\"True\",\"name.givenName\":\"x\"}",
                "\"text\"",
                "[1,2]");
        return Combinators.combine(op, path, value, Arbitraries.of(true, false))
                .as((o, p, v, withPath) -> "{\"Operations\":[{\"op\":\"" + o + "\""
                        + (withPath ? ",\"path\":\"" + p + "\"" : "") + ",\"value\":" + v + "}]}");
    }
}
