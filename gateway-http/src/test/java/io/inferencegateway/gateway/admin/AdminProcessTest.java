package io.inferencegateway.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.config.Environment;
import io.inferencegateway.persistence.DatabaseSettings;
import io.inferencegateway.testing.TestServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: gateway-admin as its own process writes its logs to stderr, so that stdout of {@code keys create} is the
 * key alone, whatever logging configuration the classpath holds (here the tests' own, which logs to stdout).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AdminProcessTest {

    private static final String SECRET = "admin-process-test-secret-0123456789";

    @Test
    void keysCreateWritesTheKeyAloneOnStdoutAndItsLogsOnStderr(@TempDir Path dir) throws Exception {
        // A fresh database: the command migrates it and logs that it did.
        DatabaseSettings database = TestServers.freshDatabase();
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AdminMain.class.getName(),
                "keys", "create", "--user-id", "kate"))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put(Environment.DB_URL, database.jdbcUrl());
        builder.environment().put(Environment.DB_USER, database.username());
        builder.environment().put(Environment.DB_PASSWORD, database.password());
        builder.environment().put(Environment.KEY_HASH_SECRET, SECRET);
        Process process = builder.start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("exited").isTrue();

        assertThat(process.exitValue()).as("exit code; stderr: %s", read(err)).isEqualTo(0);
        assertThat(read(out)).matches("igw-[A-Za-z0-9_-]{32,}\\R");
        assertThat(read(err)).contains("Database schema at version").contains("Created key ");
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
