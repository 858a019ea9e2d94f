package io.inferencegateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A migration, once released, never changes: Flyway refuses to start on any database that applied an earlier text
 * of it (as happened once to V4). Every migration's SHA-256 is recorded in {@code db/released-migrations.txt};
 * a changed one fails here, and a new one fails until its line is added.
 */
@Timeout(10)
class MigrationsAreAppendOnlyTest {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    @Test
    void everyReleasedMigrationIsUnchangedAndEveryMigrationIsRecorded() throws Exception {
        Map<String, String> released = released();
        Map<String, String> present;
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            present = files.filter(f -> f.toString().endsWith(".sql")).collect(Collectors.toMap(
                    f -> f.getFileName().toString(), MigrationsAreAppendOnlyTest::sha256, (a, b) -> a, TreeMap::new));
        }
        released.forEach((name, sum) -> assertThat(present.get(name))
                .as("%s was released: it must never change (add a new migration instead)", name)
                .isEqualTo(sum));
        assertThat(present.keySet()).as("every migration has its line in db/released-migrations.txt "
                + "(name and SHA-256): add the new one's once it is final").isEqualTo(released.keySet());
    }

    private static Map<String, String> released() throws IOException {
        try (InputStream in = MigrationsAreAppendOnlyTest.class.getResourceAsStream("/db/released-migrations.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                    .map(l -> l.strip().split("\\s+")).collect(Collectors.toMap(p -> p[0], p -> p[1],
                            (a, b) -> a, TreeMap::new));
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }
}
