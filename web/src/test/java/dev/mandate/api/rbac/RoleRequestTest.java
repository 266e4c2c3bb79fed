package dev.mandate.api.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.rbac.entity.Permission;
import dev.mandate.rbac.entity.Role;
import dev.mandate.rbac.entity.RoleDefinition;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleRequestTest {

    private static RoleRequest request(Boolean approver, PermissionDto... permissions) {
        RoleRequest request = new RoleRequest();
        request.name = "payments";
        request.description = "Pays invoices";
        request.approver = approver;
        request.permissions = List.of(permissions);
        return request;
    }

    @Test
    void theDefinitionCarriesNameDescriptionAndPermissions() {
        RoleDefinition definition = request(true, new PermissionDto("erp", "*"), new PermissionDto("crm", "read"))
                .toDefinition();

        assertThat(definition.name()).isEqualTo("payments");
        assertThat(definition.description()).isEqualTo("Pays invoices");
        assertThat(definition.approver()).isTrue();
        assertThat(definition.permissions())
                .containsExactlyInAnyOrder(new Permission("erp", "*"), new Permission("crm", "read"));
    }

    @Test
    void anAbsentApproverFlagMeansNoApprover() {
        assertThat(request(null).toDefinition().approver()).isFalse();
        assertThat(request(false).toDefinition().approver()).isFalse();
    }

    @Test
    void duplicatePermissionsCollapse() {
        RoleDefinition definition = request(false, new PermissionDto("erp", "pay"), new PermissionDto("erp", "pay"))
                .toDefinition();

        assertThat(definition.permissions()).containsExactly(new Permission("erp", "pay"));
    }

    @Test
    void theResponseListsPermissionsSortedByToolThenAction() {
        Role role = new Role(
                "acme",
                new RoleDefinition(
                        "payments",
                        null,
                        false,
                        Set.of(
                                new Permission("erp", "release"),
                                new Permission("crm", "read"),
                                new Permission("erp", "*"),
                                new Permission("crm", "export"))),
                "admin");

        RoleResponse response = RoleResponse.of(role);

        assertThat(response.permissions())
                .extracting(p -> p.tool + ":" + p.action)
                .containsExactly("crm:export", "crm:read", "erp:*", "erp:release");
        assertThat(response.id()).isEqualTo(role.id());
        assertThat(response.name()).isEqualTo("payments");
        assertThat(response.createdBy()).isEqualTo("admin");
    }
}
