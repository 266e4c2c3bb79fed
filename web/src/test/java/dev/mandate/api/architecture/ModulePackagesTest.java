package dev.mandate.api.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The web module's classes live in packages of their own: no package is split between modules. */
class ModulePackagesTest {

    private static final Path OWN_CLASSES = Path.of("target/classes").toAbsolutePath();
    private static final Path OWN_TESTS = Path.of("target/test-classes").toAbsolutePath();
    private static final JavaClasses WEB = new ClassFileImporter().importPath(OWN_CLASSES);

    @Test
    void noPackageOfThisModuleExistsInAnotherOnTheClasspath() throws IOException {
        Set<String> shared = new TreeSet<>();
        for (String pkg : WEB.stream().map(JavaClass::getPackageName).collect(Collectors.toSet())) {
            List<URL> holders = Collections.list(getClass().getClassLoader().getResources(pkg.replace('.', '/')));
            holders.stream().filter(url -> !isOwn(url)).forEach(url -> shared.add(pkg + " in " + url));
        }
        assertThat(shared).isEmpty();
    }

    private static boolean isOwn(URL url) {
        if (!"file".equals(url.getProtocol())) {
            return false;
        }
        try {
            Path path = Path.of(url.toURI());
            return path.startsWith(OWN_CLASSES) || path.startsWith(OWN_TESTS);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    @Test
    void theCheckSeesTheEjbModulesPackages() throws IOException {
        assertThat(Collections.list(getClass().getClassLoader().getResources("dev/mandate/decision/boundary")))
                .isNotEmpty();
    }

    /** Payara enforces these on JAX-RS resources itself, through a container login that refuses every caller. */
    @Test
    void noResourceNamesItsCallersWithJakartasSecurityAnnotations() {
        for (Class<? extends java.lang.annotation.Annotation> annotation : List.of(
                jakarta.annotation.security.RolesAllowed.class,
                jakarta.annotation.security.PermitAll.class,
                jakarta.annotation.security.DenyAll.class)) {
            classes().should().notBeAnnotatedWith(annotation).check(WEB);
            com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods()
                    .should()
                    .beAnnotatedWith(annotation)
                    .check(WEB);
        }
    }

    @Test
    void everyWebClassLivesUnderApiOrHealth() {
        classes()
                .should()
                .resideInAnyPackage("dev.mandate.api..", "dev.mandate.health..")
                .check(WEB);
    }
}
