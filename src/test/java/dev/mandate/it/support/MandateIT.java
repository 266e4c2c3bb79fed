package dev.mandate.it.support;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.io.File;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of every integration test: Arquillian deploys the real EAR (the one the ear module built) on the
 * test domain, and the test speaks HTTP to it. Each test works in tenants of its own, so tests never
 * see each other's data and need no cleanup.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class MandateIT {

    protected static final String BASE_URL = System.getProperty("mandate.it.base-url", "http://127.0.0.1:28080");

    @Deployment(testable = false)
    public static EnterpriseArchive mandate() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("mandate.it.ear")));
    }

    protected static String newTenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 13);
    }

    protected static RequestSpecification anonymous() {
        return RestAssured.given().baseUri(BASE_URL).contentType("application/json");
    }

    protected static RequestSpecification as(String token) {
        return anonymous().header("Authorization", "Bearer " + token);
    }
}
