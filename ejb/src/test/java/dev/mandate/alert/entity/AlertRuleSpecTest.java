package dev.mandate.alert.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.Violation;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class AlertRuleSpecTest {

    @Test
    void absentOptionalFieldsTakeTheirDefaults() {
        AlertRuleSpec spec = AlertRuleSpec.of("TOOL_ERRORS", null, null, 60, null, null, null, null, null);

        assertThat(spec.scope()).isEqualTo(AlertScope.TENANT);
        assertThat(spec.baselineWindows()).isEqualTo(6);
        assertThat(spec.sensitivity()).isEqualByComparingTo("3");
        assertThat(spec.minCount()).isEqualTo(3);
        assertThat(spec.enabled()).isTrue();
        assertThat(spec.summary()).isEqualTo("TOOL_ERRORS tenant 60s x6 3σ min 3 enabled");
    }

    @Test
    void everyWrongFieldIsNamedAtOnce() {
        assertThatThrownBy(() -> AlertRuleSpec.of(
                        "ERRORS", "GALAXY", null, 5, 0, new BigDecimal("0.1"), 0, new BigDecimal("-1"), null))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactly(
                                "metric",
                                "scope",
                                "windowSeconds",
                                "baselineWindows",
                                "sensitivity",
                                "minCount",
                                "threshold"));
    }

    @Test
    void aScopeNeedsItsValueAndTheTenantScopeTakesNone() {
        assertThatThrownBy(() -> AlertRuleSpec.of("DENIALS", "TOOL", null, 60, null, null, null, null, null))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactly("scopeValue"));
        assertThatThrownBy(() -> AlertRuleSpec.of("DENIALS", "TENANT", "erp", 60, null, null, null, null, null))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactly("scopeValue"));
    }

    @Test
    void budgetUseIsWatchedPerTenantAsAShareOfTheCap() {
        assertThatThrownBy(() -> AlertRuleSpec.of("BUDGET_USE", "TOOL", "erp", 60, null, null, null, null, null))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactly("scope"));
        assertThatThrownBy(() ->
                        AlertRuleSpec.of("BUDGET_USE", null, null, 60, null, null, null, new BigDecimal("80"), null))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactly("threshold"));
    }

    @Test
    void equalValuesWrittenDifferentlyAreTheSameRule() {
        assertThat(AlertRuleSpec.of(
                        "RETRIES", null, null, 60, null, new BigDecimal("3.00"), null, new BigDecimal("5.0"), null))
                .isEqualTo(AlertRuleSpec.of(
                        "RETRIES", null, null, 60, null, new BigDecimal("3"), null, new BigDecimal("5"), null));
    }
}
