package dev.mandate.scim.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The SCIM module's classes live in packages of their own: no package is split between modules. */
class ModulePackagesTest {

    @Test
    void everyScimClassLivesUnderScim() {
        classes()
                .should()
                .resideInAPackage("dev.mandate.scim..")
                .check(new ClassFileImporter().importPath(Path.of("target/classes")));
    }
}
