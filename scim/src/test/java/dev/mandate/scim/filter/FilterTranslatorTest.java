package dev.mandate.scim.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.agent.entity.AgentStatus;
import dev.mandate.platform.query.Criteria;
import dev.mandate.scim.error.ScimProblem;
import dev.mandate.scim.filter.FilterTranslator.Target;
import org.junit.jupiter.api.Test;

class FilterTranslatorTest {

    @Test
    void userNameIsCaseInsensitiveAndParameterised() {
        Criteria criteria = FilterTranslator.translate("userName eq \"Bot@X.example\"", Target.USERS);
        assertThat(criteria.condition()).isEqualTo("a.nameLower = :p0");
        assertThat(criteria.parameters()).containsEntry("p0", "bot@x.example");
    }

    @Test
    void externalIdIsCaseExact() {
        Criteria criteria = FilterTranslator.translate("externalId eq \"AbC\"", Target.USERS);
        assertThat(criteria.condition()).contains("a.externalId = :p0");
        assertThat(criteria.parameters()).containsEntry("p0", "AbC");
    }

    @Test
    void entraEmailValuePathComparison() {
        Criteria criteria =
                FilterTranslator.translate("emails[type eq \"work\"].value eq \"W@x.example\"", Target.USERS);
        assertThat(criteria.condition()).contains("a.emailLower is not null").contains("a.emailLower = :p0");
        assertThat(criteria.parameters()).containsEntry("p0", "w@x.example");
    }

    @Test
    void containsEscapesLikeWildcards() {
        Criteria criteria = FilterTranslator.translate("userName co \"a%_!b\"", Target.USERS);
        assertThat(criteria.condition()).isEqualTo("a.nameLower like :p0 escape '!'");
        assertThat(criteria.parameters()).containsEntry("p0", "%a!%!_!!b%");
    }

    @Test
    void logicalOperatorsAndGroupingAndNot() {
        Criteria criteria = FilterTranslator.translate(
                "(userName sw \"a\" or userName ew \"z\") and not (active eq false) and externalId pr", Target.USERS);
        assertThat(criteria.condition())
                .isEqualTo("((a.nameLower like :p0 escape '!' or a.nameLower like :p1 escape '!') and not"
                        + " (a.status <> :p2) and a.externalId is not null)");
        assertThat(criteria.parameters()).containsEntry("p2", AgentStatus.ACTIVE);
    }

    @Test
    void groupMembersAndDisplayName() {
        Criteria criteria =
                FilterTranslator.translate("displayName eq \"Ops\" and members[value eq \"id-1\"]", Target.GROUPS);
        assertThat(criteria.condition()).startsWith("(r.nameLower = :p0 and exists (select m0 from RoleAssignment m0");
        assertThat(criteria.parameters()).containsEntry("p0", "ops").containsValue("id-1");
    }

    @Test
    void datesAndOrdering() {
        Criteria criteria = FilterTranslator.translate("meta.lastModified gt \"2026-01-01T00:00:00Z\"", Target.USERS);
        assertThat(criteria.condition()).isEqualTo("a.updatedAt > :p0");
    }

    @Test
    void injectionAttemptsStayValues() {
        Criteria criteria = FilterTranslator.translate(
                "userName eq \"x' or '1'='1\" or displayName eq \"\\\"; drop table agent; --\"", Target.USERS);
        assertThat(criteria.condition()).doesNotContain("drop").doesNotContain("'1'");
        assertThat(criteria.parameters().values()).contains("x' or '1'='1");
    }

    @Test
    void unsupportedOrMalformedFiltersAreInvalidFilter() {
        for (String filter : new String[] {
            "userName eq",
            "userName xx \"a\"",
            "name.givenName eq \"a\"",
            "userName eq 5",
            "active gt true",
            "meta.created eq \"yesterday\"",
            "members co \"a\"",
            "((userName eq \"a\")",
            "urn:other:schema:foo eq \"a\"",
            "emails[type eq \"work\" and value[x eq \"y\"]]"
        }) {
            assertThatThrownBy(() -> FilterTranslator.translate(filter, Target.USERS), filter)
                    .isInstanceOf(ScimProblem.class)
                    .satisfies(e -> assertThat(((ScimProblem) e).scimType()).isEqualTo("invalidFilter"));
        }
    }
}
