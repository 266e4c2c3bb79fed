package dev.mandate.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Inside every feature, arrows point one way: boundary → control → entity. The platform packages serve
 * every feature and know none of them.
 */
class LayersTest {

    private static final JavaClasses MANDATE = new ClassFileImporter().importPath(Path.of("target/classes"));

    @Test
    void entitiesDependOnNoControlAndNoBoundary() {
        noClasses()
                .that()
                .resideInAPackage("dev.mandate..entity..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.mandate..control..", "dev.mandate..boundary..")
                .check(MANDATE);
    }

    @Test
    void controlDependsOnNoBoundary() {
        noClasses()
                .that()
                .resideInAPackage("dev.mandate..control..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.mandate..boundary..")
                .check(MANDATE);
    }

    @Test
    void theAuditsOfflineVerifierNeedsNoContainer() {
        noClasses()
                .that()
                .resideInAPackage("dev.mandate.audit.verify..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "jakarta..", "dev.mandate..control..", "dev.mandate..boundary..", "dev.mandate.platform..")
                .check(MANDATE);
    }

    @Test
    void thePlatformKnowsNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("dev.mandate.platform..")
                .should()
                .dependOnClassesThat(
                        resideInAPackage("dev.mandate..").and(not(resideInAPackage("dev.mandate.platform.."))))
                .check(MANDATE);
    }
}
