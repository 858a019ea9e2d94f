package io.inferencegateway.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.config.Environment;
import io.inferencegateway.embedded.PostgresLogin;
import io.inferencegateway.testsupport.SharedServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: {@code bin/admin} once built starts without Maven, builds again only when a source is newer than its
 * last build, and prints the key alone on stdout. Maven is a stub here that records its calls: this test checks
 * the script's decision, the reactor has built gateway-http already.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AdminScriptTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    private static final Path STAMP = ROOT.resolve("gateway-http/target/.built");

    @TempDir
    Path dir;

    private FileTime stampBefore;

    @BeforeEach
    void rememberStamp() throws IOException {
        stampBefore = Files.exists(STAMP) ? Files.getLastModifiedTime(STAMP) : null;
    }

    /** A developer's next bin/admin decides as it would have without this test. */
    @AfterEach
    void restoreStamp() throws IOException {
        if (stampBefore == null) {
            Files.deleteIfExists(STAMP);
        } else {
            Files.setLastModifiedTime(STAMP, stampBefore);
        }
    }

    @Test
    void onceBuiltItRunsWithoutMavenUntilASourceIsNewer() throws Exception {
        Path calls = dir.resolve("mvn-calls");
        Path stubs = Files.createDirectory(dir.resolve("bin"));
        Path mvn = stubs.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\necho \"$@\" >> '" + calls + "'\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwx------"));
        PostgresLogin database = SharedServers.freshDatabase();

        Run first = admin(stubs, database);
        assertThat(first.exitCode()).as("stderr: %s", first.err()).isZero();
        assertThat(first.out()).matches("igw-[A-Za-z0-9_-]{32,}\\R");
        long callsAfterFirst = mavenCalls(calls).size();

        Run second = admin(stubs, database);
        assertThat(second.exitCode()).as("stderr: %s", second.err()).isZero();
        assertThat(second.out()).matches("igw-[A-Za-z0-9_-]{32,}\\R").isNotEqualTo(first.out());
        assertThat(mavenCalls(calls)).as("Maven runs once built").hasSize((int) callsAfterFirst);

        // Sources newer than the last build: the script builds gateway-http and what it depends on.
        Files.setLastModifiedTime(STAMP, FileTime.from(Instant.parse("2000-01-01T00:00:00Z")));
        Run stale = admin(stubs, database);
        assertThat(stale.exitCode()).as("stderr: %s", stale.err()).isZero();
        assertThat(mavenCalls(calls)).hasSize((int) callsAfterFirst + 1).last().asString()
                .contains("-pl gateway-http -am package");
        assertThat(stale.out()).as("Maven's output goes to stderr").matches("igw-[A-Za-z0-9_-]{32,}\\R");
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run admin(Path stubs, PostgresLogin database) throws Exception {
        Path out = Files.createTempFile(dir, "out", "");
        Path err = Files.createTempFile(dir, "err", "");
        ProcessBuilder builder = new ProcessBuilder(List.of(ROOT.resolve("bin/admin").toString(), "keys", "create",
                "--user-id", "script-user")).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("GATEWAY_SKIP_BUILD");
        builder.environment().put("PATH", stubs + ":" + System.getenv("PATH"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put(Environment.DB_URL, database.jdbcUrl());
        builder.environment().put(Environment.DB_USER, database.username());
        builder.environment().put(Environment.DB_PASSWORD, database.password());
        builder.environment().put(Environment.KEY_HASH_SECRET, "admin-script-test-secret-0123456789abc");
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("bin/admin exited").isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static List<String> mavenCalls(Path calls) throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }
}
