package io.inferencegateway.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {

    @TempDir
    Path base;

    @Test
    void closeRemovesTheWholeTreeButNotTheBase() throws Exception {
        RunDirectory run = RunDirectory.create(base.resolve("runs"), "unit");
        Path nested = run.newSubdirectory("server").resolve("a/b");
        Files.createDirectories(nested);
        Files.writeString(nested.resolve("file.log"), "data");
        Files.createSymbolicLink(run.path().resolve("link-to-base"), base);

        run.close();
        run.close();

        assertThat(run.path()).doesNotExist();
        assertThat(base.resolve("runs")).isEmptyDirectory();
        assertThat(base).exists();
        assertThat(run.isClosed()).isTrue();
    }

    @Test
    void closesRegisteredServersLastFirstWhileTheirFilesStillExist() {
        RunDirectory run = RunDirectory.create(base, "unit");
        Path files = run.newSubdirectory("server");
        List<String> closed = new ArrayList<>();
        run.closeBeforeRemoval(() -> closed.add("first, files present: " + Files.exists(files)));
        run.closeBeforeRemoval(() -> closed.add("second, files present: " + Files.exists(files)));
        AutoCloseable released = run.closeBeforeRemoval(() -> closed.add("released"));
        run.release(released);

        run.close();

        assertThat(closed).containsExactly("second, files present: true", "first, files present: true");
        assertThatThrownBy(() -> run.closeBeforeRemoval(() -> { })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void stillRemovesTheFilesWhenAServerFailsToClose() {
        RunDirectory run = RunDirectory.create(base, "unit");
        run.closeBeforeRemoval(() -> {
            throw new IllegalStateException("boom");
        });

        assertThatThrownBy(run::close).hasRootCauseMessage("boom");
        assertThat(run.path()).doesNotExist();
    }

    @Test
    void removesOnlyWhatAKilledProcessLeft() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path abandoned = Files.createDirectories(base.resolve("servers-1"));
        Files.writeString(abandoned.resolve("owner.pid"), Long.toString(finished.pid()));
        Path beingCreated = Files.createDirectories(base.resolve("servers-2"));
        Path otherPrefix = Files.createDirectories(base.resolve("other-3"));
        Files.writeString(otherPrefix.resolve("owner.pid"), Long.toString(finished.pid()));
        RunDirectory live = RunDirectory.create(base, "servers");

        assertThat(RunDirectory.removeAbandoned(base, "servers")).containsExactly(abandoned);

        assertThat(abandoned).doesNotExist();
        assertThat(beingCreated).exists();
        assertThat(otherPrefix).exists();
        assertThat(live.path()).exists();
        live.close();
    }
}
