package io.inferencegateway.bench;

import java.nio.file.Path;
import java.util.List;

/** The java binary and JDK-dependent flags for child JVMs, matching bin/lib.sh's {@code jvm_flags}. */
final class JvmFlags {

    private JvmFlags() {
    }

    /** The java of the JVM running the benchmark: every part runs on the same JDK. */
    static String javaExecutable() {
        return jdkTool("java");
    }

    /** A tool of this JDK ({@code jcmd}, {@code jstat}). */
    static String jdkTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    /** JDK 24+ warns about Kafka's and Netty's use of sun.misc.Unsafe unless told to allow it. */
    static List<String> forThisJdk() {
        return Runtime.version().feature() >= 24
                ? List.of("--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED")
                : List.of();
    }
}
