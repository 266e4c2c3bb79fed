package dev.mandate.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.api.rbac.PermissionDto;
import dev.mandate.api.rbac.RoleRequest;
import jakarta.json.JsonObject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.ElementType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the real request classes through Hibernate Validator, as Payara does before a resource method. */
class ConstraintViolationMapperTest {

    private static ValidatorFactory factory;
    private static Validator validator;

    /** Stands in for a resource: method and parameter names must not reach the client. */
    static class Resource {
        void create(@NotNull @Valid RoleRequest request) {}

        void list(@Min(0) Integer offset) {}
    }

    @BeforeAll
    static void startValidator() {
        // everything is reachable: no JPA provider here to ask about lazy properties
        factory = Validation.byDefaultProvider()
                .configure()
                .traversableResolver(new TraversableResolver() {
                    @Override
                    public boolean isReachable(
                            Object bean, Path.Node property, Class<?> root, Path path, ElementType type) {
                        return true;
                    }

                    @Override
                    public boolean isCascadable(
                            Object bean, Path.Node property, Class<?> root, Path path, ElementType type) {
                        return true;
                    }
                })
                .buildValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void stopValidator() {
        factory.close();
    }

    private static PermissionDto permission(String tool, String action) {
        PermissionDto permission = new PermissionDto();
        permission.tool = tool;
        permission.action = action;
        return permission;
    }

    private static RoleRequest role(String name, PermissionDto... permissions) {
        RoleRequest request = new RoleRequest();
        request.name = name;
        request.permissions = new ArrayList<>(Arrays.asList(permissions));
        return request;
    }

    private static List<String> fields(Set<? extends ConstraintViolation<?>> violations) {
        return violations.stream()
                .map(ConstraintViolationMapper::field)
                .sorted()
                .toList();
    }

    @Test
    void aValidRoleHasNoViolations() {
        assertThat(validator.validate(role("payments", permission("erp", "*")))).isEmpty();
    }

    @Test
    void aViolationOnAPropertyIsNamedByTheProperty() {
        assertThat(fields(validator.validate(role("Not Valid", permission("erp", "*")))))
                .containsExactly("name");
    }

    @Test
    void aViolationInANestedPermissionCarriesItsIndex() {
        assertThat(fields(validator.validate(role("payments", permission("Bad Tool!", "release")))))
                .containsExactly("permissions[0].tool");
    }

    @Test
    void theIndexIsThatOfTheOffendingElement() {
        RoleRequest request =
                role("payments", permission("erp", "*"), permission("crm", "read"), permission("crm", ""));

        assertThat(fields(validator.validate(request)))
                .containsExactly("permissions[2].action", "permissions[2].action");
    }

    @Test
    void aNullElementIsNamedByItsIndex() {
        RoleRequest request = role("payments", permission("erp", "*"), null);

        Set<ConstraintViolation<RoleRequest>> violations = validator.validate(request);

        assertThat(fields(violations)).containsExactly("permissions[1]");
        assertThat(violations).extracting(ConstraintViolation::getMessage).containsExactly("must not be null");
    }

    @Test
    void aMissingListIsNamedByTheProperty() {
        RoleRequest request = role("payments");
        request.permissions = null;

        assertThat(fields(validator.validate(request))).containsExactly("permissions");
    }

    @Test
    void severalViolationsKeepTheirOwnPaths() {
        RoleRequest request = role("", permission("Bad", "*"), permission("erp", "no way"));

        assertThat(fields(validator.validate(request)))
                .contains("name", "permissions[0].tool", "permissions[1].action")
                .doesNotContain("request", "permissions");
    }

    @Test
    void methodAndParameterNamesAreDropped() throws NoSuchMethodException {
        Method create = Resource.class.getDeclaredMethod("create", RoleRequest.class);
        RoleRequest request = role("payments", permission("Bad Tool!", "release"));

        Set<ConstraintViolation<Resource>> violations =
                validator.forExecutables().validateParameters(new Resource(), create, new Object[] {request});

        assertThat(violations)
                .extracting(v -> v.getPropertyPath().toString())
                .containsExactly("create.request.permissions[0].tool");
        assertThat(fields(violations)).containsExactly("permissions[0].tool");
    }

    @Test
    void aViolationOfTheWholeBodyIsNamedBody() throws NoSuchMethodException {
        Method create = Resource.class.getDeclaredMethod("create", RoleRequest.class);

        Set<ConstraintViolation<Resource>> violations =
                validator.forExecutables().validateParameters(new Resource(), create, new Object[] {null});

        assertThat(fields(violations)).containsExactly("body");
    }

    @Test
    void aQueryParameterIsNamedByItsName() throws NoSuchMethodException {
        Method list = Resource.class.getDeclaredMethod("list", Integer.class);

        Set<ConstraintViolation<Resource>> violations =
                validator.forExecutables().validateParameters(new Resource(), list, new Object[] {-1});

        assertThat(fields(violations)).containsExactly("offset");
    }

    @Test
    void theResponseListsEveryViolationSortedByField() {
        RoleRequest request = role("Not Valid", permission("erp", "*"), permission("Bad Tool!", "read"));
        Set<ConstraintViolation<RoleRequest>> violations = validator.validate(request);

        Response response = new ConstraintViolationMapper().toResponse(new ConstraintViolationException(violations));

        JsonObject body = ProblemJson.of(response);
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(body.getString("type")).isEqualTo("urn:mandate:problem:validation-failed");
        assertThat(body.getString("detail")).isEqualTo("2 constraint violation(s); see 'violations'");
        assertThat(body.getJsonArray("violations").getValuesAs(JsonObject.class))
                .extracting(v -> v.getString("field") + ": " + v.getString("message"))
                .containsExactly(
                        "name: must be lowercase letters, digits and _ . - (max 100)",
                        "permissions[1].tool: must be a tool key (lowercase, digits, _ . -)");
    }
}
