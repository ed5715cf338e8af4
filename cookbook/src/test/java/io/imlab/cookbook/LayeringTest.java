package io.imlab.cookbook;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The cookbook is the science in pure Java: it must not know Kubernetes, object stores, HTTP or the
 * trainer's engine (docs/architecture.md, "Modules"), so it runs and tests anywhere.
 */
class LayeringTest {

    @Test
    void dependsOnNoInfrastructureOrEngine() {
        JavaClasses cookbook = importer()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.imlab.cookbook");
        ArchRule rule = noClasses().that().resideInAPackage("io.imlab.cookbook..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.fabric8..", "io.minio..", "okhttp3..", "java.net.http..", "ai.djl..", "org.gaul..",
                        "software.amazon..", "io.temporal..")
                .allowEmptyShould(false);
        rule.check(cookbook);
    }

    /** Only this module's classes: dependencies are judged by name, so resolving the JDK and libraries is wasted time. */
    private static ClassFileImporter importer() {
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        return new ClassFileImporter();
    }
}
