package io.inferencegateway.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every test has a timeout that JUnit itself reads, wherever the tests run: a module with tests carries a
 * {@code src/test/resources/junit-platform.properties} with a default timeout, since a setting in the root pom's
 * Surefire configuration holds under Maven only, and a hung test run from an IDE would hang there.
 */
class TestTimeoutsTest {

    static final String FILE = "src/test/resources/junit-platform.properties";
    static final String KEY = "junit.jupiter.execution.timeout.default";
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    /** JUnit's duration syntax: a number and an optional unit. */
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ns|μs|ms|s|m|h|d)?",
            Pattern.CASE_INSENSITIVE);

    @Test
    void everyModuleWithTestsSetsADefaultTimeoutJUnitReads() throws IOException {
        List<String> withTests = modulesWithTests();
        assertThat(withTests).as("modules with tests, read from the root pom").contains("architecture", "spi",
                "batch-worker", "deployment");

        List<String> problems = new ArrayList<>();
        for (String module : withTests) {
            Path file = root().resolve(module).resolve(FILE);
            if (!Files.isRegularFile(file)) {
                problems.add(module + ": no " + FILE);
                continue;
            }
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(file)) {
                properties.load(in);
            }
            String value = properties.getProperty(KEY);
            if (value == null) {
                problems.add(module + ": " + FILE + " sets no " + KEY);
            } else if (!DURATION.matcher(value.trim()).matches()) {
                problems.add(module + ": " + KEY + " = '" + value + "' is no duration JUnit reads");
            } else if (parse(value.trim()).compareTo(Duration.ofMinutes(10)) > 0) {
                problems.add(module + ": " + KEY + " = " + value + " is longer than 10 minutes");
            }
        }
        assertThat(problems).as("each module with tests needs " + FILE + " with " + KEY).isEmpty();
    }

    private static Duration parse(String value) {
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(value);
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(java.util.Locale.ROOT);
        return switch (unit) {
            case "ns" -> Duration.ofNanos(amount);
            case "μs" -> Duration.ofNanos(amount * 1_000);
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** The root pom's modules that have test sources. */
    private static List<String> modulesWithTests() throws IOException {
        String pom = Files.readString(root().resolve("pom.xml"));
        List<String> modules = new ArrayList<>();
        Matcher m = MODULE.matcher(pom);
        while (m.find()) {
            String module = m.group(1).trim();
            if (Files.isDirectory(root().resolve(module).resolve("src/test/java"))) {
                modules.add(module);
            }
        }
        return modules;
    }

    /** The repository: this module's parent, where Maven and IDEs run its tests from. */
    private static Path root() {
        Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("architecture"))) {
            throw new IllegalStateException("No repository root at " + root + ": run from the architecture module");
        }
        return root;
    }
}
