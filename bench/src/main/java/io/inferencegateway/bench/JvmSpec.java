package io.inferencegateway.bench;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How to start one child JVM.
 *
 * @param name        short name for logs and the report, e.g. {@code gateway}
 * @param maxHeap     the {@code -Xmx} value, e.g. {@code 512m}
 * @param classpath   the module's runtime classpath
 * @param mainClass   the class to run
 * @param arguments   its command-line arguments
 * @param environment variables added to (and overriding) the inherited environment
 * @param readyLine   a line of its output that says it is ready; capture groups are handed back
 */
record JvmSpec(String name, String maxHeap, String classpath, String mainClass, List<String> arguments,
               Map<String, String> environment, Pattern readyLine) {

    JvmSpec {
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
    }
}
