package io.inferencegateway.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import java.util.Arrays;
import java.util.stream.Stream;

/** Our packages as the rules name them, grouped by the module that holds them. */
final class Packages {

    static final String[] SPI = {"io.inferencegateway.spi..", "io.inferencegateway.json.."};
    static final String[] ADAPTORS = {"io.inferencegateway.adaptors..", "io.inferencegateway.sse.."};
    static final String[] COMMON = {
        "io.inferencegateway.config..", "io.inferencegateway.persistence..", "io.inferencegateway.access..",
        "io.inferencegateway.batch..", "io.inferencegateway.files..", "io.inferencegateway.kafka..",
        "io.inferencegateway.registry..", "io.inferencegateway.startup..", "io.inferencegateway.paths..",
        "io.inferencegateway.validation..", "io.inferencegateway.text..", "io.inferencegateway.capacity..",
        "io.inferencegateway.budget..", "io.inferencegateway.metrics.."};
    static final String GATEWAY = "io.inferencegateway.gateway..";
    static final String WORKER = "io.inferencegateway.worker..";
    static final String SIMULATED = "io.inferencegateway.simulated..";
    static final String EMBEDDED = "io.inferencegateway.embedded..";
    static final String DEVSTACK = "io.inferencegateway.devstack..";
    static final String TESTSUPPORT = "io.inferencegateway.testsupport..";
    static final String CLI = "io.inferencegateway.cli..";

    private Packages() {
    }

    /** Every package of the production and dev modules: a new one is placed here, and so under the rules. */
    static String[] all() {
        return plus(plus(SPI, ADAPTORS), plus(COMMON, GATEWAY, WORKER, SIMULATED, EMBEDDED, DEVSTACK, CLI));
    }

    /** Any class of ours outside the given packages. */
    static DescribedPredicate<JavaClass> oursOutside(String... allowed) {
        return resideInAPackage(ProductionClasses.ROOT + "..").and(not(resideInAnyPackage(allowed)))
                .as("classes of io.inferencegateway outside " + String.join(", ", allowed));
    }

    /** The packages of a group and then some. */
    static String[] plus(String[] group, String... more) {
        return Stream.concat(Arrays.stream(group), Arrays.stream(more)).toArray(String[]::new);
    }
}
