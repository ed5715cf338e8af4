package io.imlab.workflows;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.UUID;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Workflow code is contracts and deterministic orchestration: it knows no Kubernetes, S3 or HTTP,
 * and reads no clock, randomness or thread timing outside {@code Workflow.*} (a replay would diverge).
 */
class LayeringTest {
    private static JavaClasses workflows;

    @BeforeAll
    static void importClasses() {
        workflows = importer()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.imlab.workflows");
    }

    @Test
    void dependsOnNoInfrastructureClient() {
        ArchRule rule = noClasses().that().resideInAPackage("io.imlab.workflows..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.fabric8..", "io.minio..", "okhttp3..", "java.net.http..", "ai.djl..", "org.gaul..",
                        "software.amazon..")
                .allowEmptyShould(false);
        rule.check(workflows);
    }

    @Test
    void usesNoNondeterministicJdkCalls() {
        ArchRule rule = noClasses().that().resideInAPackage("io.imlab.workflows..")
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .orShould().callMethod(UUID.class, "randomUUID")
                .orShould().callConstructor(Random.class)
                .orShould().callMethodWhere(target(name("now")))
                .orShould().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio.file..")
                .allowEmptyShould(false);
        rule.check(workflows);
    }

    /** Only this module's classes: dependencies are judged by name, so resolving the JDK and libraries is wasted time. */
    private static ClassFileImporter importer() {
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        return new ClassFileImporter();
    }
}
