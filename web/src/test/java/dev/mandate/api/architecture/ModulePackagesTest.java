package dev.mandate.api.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.mandate.decision.boundary.Envelopes;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The web module's classes live in packages of their own: no package is split between modules. */
class ModulePackagesTest {

    private static final JavaClasses WEB = new ClassFileImporter().importPath(Path.of("target/classes"));

    @Test
    void noPackageIsSharedWithTheEjbModule() throws URISyntaxException {
        Path ejbJar = Path.of(Envelopes.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Set<String> ejbPackages = packages(new ClassFileImporter().importPath(ejbJar));
        assertThat(ejbPackages).contains("dev.mandate.decision.boundary");
        assertThat(packages(WEB)).doesNotContainAnyElementsOf(ejbPackages);
    }

    @Test
    void everyWebClassLivesUnderApiOrHealth() {
        classes()
                .should()
                .resideInAnyPackage("dev.mandate.api..", "dev.mandate.health..")
                .check(WEB);
    }

    private static Set<String> packages(JavaClasses classes) {
        return classes.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
    }
}
