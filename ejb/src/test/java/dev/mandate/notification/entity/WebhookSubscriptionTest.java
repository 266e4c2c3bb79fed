package dev.mandate.notification.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.platform.error.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSubscriptionTest {

    @ParameterizedTest
    @ValueSource(strings = {"slack", "teams-approvals", "portal_2", "a.b", "0"})
    void namesAreKeys(String name) {
        assertThatCode(() -> WebhookSubscription.checkName(name)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Slack", "-slack", "with space", "a/b", "deliveries", "\u0000", "é"})
    void anythingElseIs400NamingTheName(String name) {
        assertThatThrownBy(() -> WebhookSubscription.checkName(name))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("name:");
    }

    @Test
    void aNameOf100IsTheLongest() {
        assertThatCode(() -> WebhookSubscription.checkName("a".repeat(100))).doesNotThrowAnyException();
        assertThatThrownBy(() -> WebhookSubscription.checkName("a".repeat(101)))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void applyingTheSameSettingsChangesNothing() {
        WebhookSubscription subscription = new WebhookSubscription("acme", "slack", "admin@acme");
        EventTypes types = EventTypes.parse(List.of("approval.created"));

        assertThat(subscription.apply("https://hooks.example.com/a", types, true, "admin@acme"))
                .isTrue();
        assertThat(subscription.apply("https://hooks.example.com/a", types, true, "other@acme"))
                .isFalse();
        assertThat(subscription.updatedBy()).isEqualTo("admin@acme");
        assertThat(subscription.apply("https://hooks.example.com/a", types, false, "other@acme"))
                .isTrue();
        assertThat(subscription.updatedBy()).isEqualTo("other@acme");
    }

    @Test
    void theAuditedSummaryLeavesTheQueryOut() {
        WebhookSubscription subscription = new WebhookSubscription("acme", "portal", "admin@acme");
        subscription.apply(
                "https://portal.example.com/hooks?token=abc#x", EventTypes.parse(List.of("*")), true, "admin@acme");

        assertThat(subscription.summary()).isEqualTo("https://portal.example.com/hooks [*] enabled");
    }
}
