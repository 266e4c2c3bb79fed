package dev.mandate.routing.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoutingPoliciesTest {

    @ParameterizedTest
    @ValueSource(strings = {"default", "rule:large-payments", "task-type:pay-invoice", "risk-class:MONEY_MOVEMENT"})
    void theFourKindsOfSelectorAreTaken(String selector) {
        assertThat(RoutingPolicies.validSelector(selector)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "Default",
                "rule:",
                "rule:a b",
                "risk-class:money_movement",
                "risk-class:NOT_A_CLASS",
                "task-type:" + "x",
                "tenant:all",
                "rule:\u0000",
                "task-type:\ud800"
            })
    void anythingElseIsRefused(String selector) {
        assertThat(RoutingPolicies.validSelector(selector)).as(selector).isEqualTo(selector.equals("task-type:x"));
    }
}
