package dev.mandate.rbac.entity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PermissionTest {

    private final Permission releasePayment = new Permission("erp", "release_payment");
    private final Permission anyErpAction = new Permission("erp", Permission.ANY_ACTION);

    @Test
    void anExactPermissionCoversItsOwnToolAndAction() {
        assertThat(releasePayment.covers("erp", "release_payment")).isTrue();
    }

    @Test
    void anExactPermissionDoesNotCoverAnotherAction() {
        assertThat(releasePayment.covers("erp", "create_invoice")).isFalse();
        assertThat(releasePayment.covers("erp", "*")).isFalse();
        assertThat(releasePayment.covers("erp", null)).isFalse();
    }

    @Test
    void theWildcardCoversEveryActionOfItsTool() {
        assertThat(anyErpAction.covers("erp", "release_payment")).isTrue();
        assertThat(anyErpAction.covers("erp", "create_invoice")).isTrue();
        assertThat(anyErpAction.covers("erp", "*")).isTrue();
    }

    @Test
    void noPermissionCoversAnotherTool() {
        assertThat(releasePayment.covers("crm", "release_payment")).isFalse();
        assertThat(anyErpAction.covers("crm", "read")).isFalse();
        assertThat(anyErpAction.covers("erp2", "read")).isFalse();
        assertThat(anyErpAction.covers(null, "read")).isFalse();
    }

    @Test
    void matchingIsExactNotCaseInsensitiveOrByPrefix() {
        assertThat(releasePayment.covers("ERP", "release_payment")).isFalse();
        assertThat(releasePayment.covers("erp", "RELEASE_PAYMENT")).isFalse();
        assertThat(releasePayment.covers("erp", "release")).isFalse();
        assertThat(releasePayment.covers("er", "release_payment")).isFalse();
    }

    @Test
    void aWildcardToolIsNotSpecial() {
        assertThat(new Permission("*", "read").covers("erp", "read")).isFalse();
    }

    @Test
    void equalityIsByToolAndAction() {
        assertThat(new Permission("erp", "release_payment"))
                .isEqualTo(releasePayment)
                .hasSameHashCodeAs(releasePayment)
                .isNotEqualTo(anyErpAction)
                .isNotEqualTo(new Permission("crm", "release_payment"));
    }
}
