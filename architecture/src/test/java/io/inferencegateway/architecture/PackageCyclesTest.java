package io.inferencegateway.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Packages depend on each other in one direction: no cycle inside a module or across modules. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PackageCyclesTest {

    @Test
    void packagesAreFreeOfCycles() {
        // Each package is its own slice, a sub-package too: io.inferencegateway.gateway and
        // io.inferencegateway.gateway.inference are two.
        slices().matching(ProductionClasses.ROOT + ".(**)")
                .should().beFreeOfCycles()
                .because("a cycle makes packages one unit in disguise: none can be understood, tested or moved to "
                        + "another module without the others; a type both sides need belongs in a package both "
                        + "may depend on")
                .check(ProductionClasses.all());
    }
}
