package io.inferencegateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What ships is what runs: no test fake, test library or embedded server in production code. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ProductionClasspathTest {

    @Test
    void noProductionClassUsesATestFake() {
        noClasses().that().resideOutsideOfPackage(Packages.TESTSUPPORT)
                .should().dependOnClassesThat().resideInAPackage(Packages.TESTSUPPORT)
                .because("test-support holds the tests' fakes and servers; it is a test-scope dependency only, and "
                        + "a production class that needed it would fail where it is absent")
                .check(ProductionClasses.all());
    }

    @Test
    void onlyEmbeddedAndDevStackUseTestLibrariesAndEmbeddedServers() {
        noClasses().that().resideOutsideOfPackages(Packages.EMBEDDED, Packages.DEVSTACK)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.junit..", "org.testcontainers..", "io.zonky..", "kafka..", "org.awaitility..",
                        "org.assertj..")
                .because("test libraries (JUnit, AssertJ, Awaitility, Testcontainers), embedded PostgreSQL (io.zonky) "
                        + "and the Kafka broker (kafka.server and the rest of kafka_2.13) are for tests and bin/dev; "
                        + "the embedded and devstack packages exist to run them, and the production image holds none "
                        + "of them")
                .check(ProductionClasses.all());
    }

    @Test
    void noProductionOrDevModuleBringsTestSupportAlong() {
        // This module depends on every production and dev module but not on test-support, so a test-support class
        // here came in through one of them: a compile or runtime dependency that should have been test scope.
        List<String> fakes = ProductionClasses.all().stream()
                .map(JavaClass::getName)
                .filter(name -> name.startsWith("io.inferencegateway.testsupport."))
                .toList();

        assertThat(fakes)
                .as("test-support's classes reached this classpath through a production or dev module's "
                        + "dependencies; declare test-support with <scope>test</scope>")
                .isEmpty();
    }

    @Test
    void theRulesReadEveryModule() {
        // A rule over classes that were never read passes without checking anything.
        assertThat(ProductionClasses.all().stream().map(JavaClass::getName))
                .as("the classes the rules check should include each production and dev module")
                .contains(
                        "io.inferencegateway.spi.BaseEndpoint",
                        "io.inferencegateway.adaptors.openai.OpenAICompatibleEndpoint",
                        "io.inferencegateway.registry.AdaptorRegistry",
                        "io.inferencegateway.gateway.GatewayMain",
                        "io.inferencegateway.worker.BatchWorkerMain",
                        "io.inferencegateway.simulated.SimulatedBackendServer",
                        "io.inferencegateway.embedded.EmbeddedPostgres",
                        "io.inferencegateway.devstack.DevStackMain",
                        "io.inferencegateway.cli.IgwMain");
    }
}
