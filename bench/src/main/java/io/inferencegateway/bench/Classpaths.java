package io.inferencegateway.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** The runtime classpaths of the project's modules as {@code mvn package} leaves them: target/classes and target/lib. */
record Classpaths(Path projectRoot) {

    static final String GATEWAY = "gateway-http";
    static final String WORKER = "batch-worker";
    static final String BACKEND = "simulated-backend";
    static final String BENCH = "bench";

    /** {@code <module>/target/classes:<module>/target/lib/*}; fails when the module was not built. */
    String of(String module) {
        Path target = projectRoot.resolve(module).resolve("target").toAbsolutePath().normalize();
        if (!Files.isDirectory(target.resolve("classes")) || !Files.isDirectory(target.resolve("lib"))) {
            throw new IllegalStateException(module + " is not built (no " + target.resolve("lib")
                    + "): run bin/bench, which builds first, or mvn -DskipTests package");
        }
        return target.resolve("classes") + File.pathSeparator + target.resolve("lib") + File.separator + "*";
    }
}
