package dev.mandate.rbac.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.rbac.entity.Grants.Grant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GrantsTest {

    @Test
    void nothingIsPermittedWithoutARole() {
        assertThat(Grants.NONE.permits("erp", "read_invoice")).isFalse();
        assertThat(Grants.of(List.of()).permittingRoles("erp", "read_invoice")).isEmpty();
    }

    @Test
    void anActionIsPermittedByItsOwnPermissionOrTheToolsWildcard() {
        Grants grants = Grants.of(List.of(
                new Grant("ap-clerk", "erp", "match_po"),
                new Grant("ap-payer", "erp", "pay_invoice"),
                new Grant("erp-admin", "erp", "*"),
                new Grant("ap-clerk", "erp", "read_invoice")));

        assertThat(grants.permittingRoles("erp", "pay_invoice")).containsExactly("ap-payer", "erp-admin");
        assertThat(grants.permittingRoles("erp", "delete_supplier")).containsExactly("erp-admin");
        assertThat(grants.permittingRoles("ticketing", "match_po")).isEmpty();
        assertThat(grants.permits("erp", "match_po")).isTrue();
    }

    @Test
    void theActionMustMatchExactlyAndTheToolToo() {
        Grants grants = Grants.of(List.of(new Grant("clerk", "erp", "pay")));
        assertThat(grants.permits("erp", "pay_invoice")).isFalse();
        assertThat(grants.permits("erp", "PAY")).isFalse();
        assertThat(grants.permits("erp2", "pay")).isFalse();
        assertThat(grants.permits("erp", "*")).isFalse();
    }

    @Test
    void approverRolesGrantNothingToTheirHolders() {
        Role approver = new Role(
                "t", new RoleDefinition("finance-approver", null, true, Set.of(new Permission("erp", "pay"))), "me");
        Role clerk =
                new Role("t", new RoleDefinition("clerk", null, false, Set.of(new Permission("erp", "match"))), "me");

        Grants grants = Grants.ofRoles(List.of(approver, clerk));

        assertThat(grants.permits("erp", "pay")).isFalse();
        assertThat(grants.permittingRoles("erp", "match")).containsExactly("clerk");
    }
}
