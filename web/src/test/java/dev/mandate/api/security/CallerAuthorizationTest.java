package dev.mandate.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import org.junit.jupiter.api.Test;

class CallerAuthorizationTest {

    @RolesAllowed("auditor")
    static class Resource {

        @RolesAllowed({"admin", "agent"})
        public void own() {}

        public void inherited() {}

        @DenyAll
        public void denied() {}
    }

    static class Undeclared {

        public void open() {}
    }

    @Test
    void theMethodsRolesComeFirst() throws Exception {
        assertThat(CallerAuthorization.rolesAllowed(Resource.class.getMethod("own"), Resource.class))
                .containsExactly("admin", "agent");
    }

    @Test
    void aMethodWithoutRolesTakesTheClasses() throws Exception {
        assertThat(CallerAuthorization.rolesAllowed(Resource.class.getMethod("inherited"), Resource.class))
                .containsExactly("auditor");
    }

    @Test
    void denyAllAndUndeclaredMethodsAdmitNoRole() throws Exception {
        assertThat(CallerAuthorization.rolesAllowed(Resource.class.getMethod("denied"), Resource.class))
                .isEmpty();
        assertThat(CallerAuthorization.rolesAllowed(Undeclared.class.getMethod("open"), Undeclared.class))
                .isEmpty();
    }
}
