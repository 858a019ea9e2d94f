package io.inferencegateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The arrows between our modules' packages that the module list promises: each points toward common and the SPI. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LayeringTest {

    @Test
    void theSpiDependsOnNothingOfOurs() {
        noClasses().that().resideInAnyPackage(Packages.SPI)
                .should().dependOnClassesThat(Packages.oursOutside(Packages.SPI))
                .because("the SPI is what an adaptor author builds against: if it reached into the gateway, every "
                        + "adaptor would carry the gateway on its classpath")
                .check(ProductionClasses.all());
    }

    @Test
    void theBuiltInAdaptorsDependOnTheSpiAlone() {
        noClasses().that().resideInAnyPackage(Packages.ADAPTORS)
                .should().dependOnClassesThat(Packages.oursOutside(Packages.plus(Packages.ADAPTORS, Packages.SPI)))
                .because("the built-in adaptors are written as anyone else's would be, against the SPI only, so the "
                        + "SPI is enough to write one")
                .check(ProductionClasses.all());
    }

    @Test
    void gatewayHttpAndBatchWorkerNeverDependOnEachOther() {
        noClasses().that().resideInAPackage(Packages.GATEWAY)
                .should().dependOnClassesThat().resideInAPackage(Packages.WORKER)
                .because("gateway-http and batch-worker are separate processes that meet in Kafka and PostgreSQL; "
                        + "what both need belongs in common")
                .check(ProductionClasses.all());
        noClasses().that().resideInAPackage(Packages.WORKER)
                .should().dependOnClassesThat().resideInAPackage(Packages.GATEWAY)
                .because("gateway-http and batch-worker are separate processes that meet in Kafka and PostgreSQL; "
                        + "what both need belongs in common")
                .check(ProductionClasses.all());
    }

    @Test
    void gatewayHttpAndBatchWorkerDependOnNoDevOrTestCode() {
        noClasses().that().resideInAnyPackage(Packages.GATEWAY, Packages.WORKER)
                .should().dependOnClassesThat().resideInAnyPackage(
                        Packages.DEVSTACK, Packages.EMBEDDED, Packages.SIMULATED, Packages.TESTSUPPORT)
                .because("the production processes ship without bin/dev, the embedded servers, the simulated "
                        + "backend and the tests' fakes; they reach a backend through an adaptor and PostgreSQL and "
                        + "Kafka through their URLs")
                .check(ProductionClasses.all());
    }

    @Test
    void commonDependsOnNeitherProcessNorAdaptorsNorDevCode() {
        noClasses().that().resideInAnyPackage(Packages.COMMON)
                .should().dependOnClassesThat().resideInAnyPackage(Packages.plus(Packages.ADAPTORS,
                        Packages.GATEWAY, Packages.WORKER, Packages.SIMULATED, Packages.EMBEDDED, Packages.DEVSTACK,
                        Packages.TESTSUPPORT))
                .because("common is what both processes share: it builds on the SPI and finds adaptors by class "
                        + "name, so it cannot lean on a process, a built-in adaptor or dev code")
                .check(ProductionClasses.all());
    }

    @Test
    void theCommandLineClientDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage(Packages.CLI)
                .should().dependOnClassesThat(Packages.oursOutside(Packages.CLI))
                .because("igw ships alone as one jar (picocli, Jackson, the JDK's HTTP client) to users' machines; "
                        + "it speaks to the gateway over HTTP only")
                .check(ProductionClasses.all());
        noClasses().that().resideOutsideOfPackage(Packages.CLI)
                .should().dependOnClassesThat().resideInAPackage(Packages.CLI)
                .because("the gateway's processes do not run the client")
                .check(ProductionClasses.all());
    }

    @Test
    void everyPackageIsKnownToTheRules() {
        classes().should().resideInAnyPackage(Packages.all())
                .because("the rules name each module's packages; a new top-level package goes into Packages, or "
                        + "no rule would hold it")
                .check(ProductionClasses.all());
    }
}
