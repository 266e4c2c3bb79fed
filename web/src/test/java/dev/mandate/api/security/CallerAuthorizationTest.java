package dev.mandate.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

class CallerAuthorizationTest {

    @AllowedRoles("auditor")
    static class Resource {

        @AllowedRoles({"admin", "agent"})
        public void own() {}

        public void inherited() {}

        @AllowedRoles({})
        public void denied() {}
    }

    static class Undeclared {

        public void open() {}
    }

    @Path("/v1/envelopes")
    static class Routed {

        @POST
        public void submit() {}

        @GET
        @Path("{id}/explain")
        public void explain() {}
    }

    @Test
    void aRouteIsTheHttpMethodAndThePathTemplateNeverAnId() throws Exception {
        assertThat(CallerAuthorization.route(Routed.class.getMethod("submit"), Routed.class))
                .isEqualTo("POST /api/v1/envelopes");
        assertThat(CallerAuthorization.route(Routed.class.getMethod("explain"), Routed.class))
                .isEqualTo("GET /api/v1/envelopes/{id}/explain");
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
    void anEmptyRoleListAndUndeclaredMethodsAdmitNoRole() throws Exception {
        assertThat(CallerAuthorization.rolesAllowed(Resource.class.getMethod("denied"), Resource.class))
                .isEmpty();
        assertThat(CallerAuthorization.rolesAllowed(Undeclared.class.getMethod("open"), Undeclared.class))
                .isEmpty();
    }
}
