package io.inferencegateway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.batch.Batch;
import io.inferencegateway.batch.BatchError;
import io.inferencegateway.batch.BatchIds;
import io.inferencegateway.batch.BatchState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paths of FIRST-style batches as the worker opens them (issue 14). The gateway checked them at submission;
 * here they are changed after that, as a user racing the worker would: files and folders replaced by symbolic
 * links out of the roots, and paths into another user's directory. Each batch fails naming the path, nothing
 * outside is read and nothing is written there.
 */
@Timeout(180)
class FirstPathsTest {

    static final String ALICE = "alice";
    static final String BOB = "bob";
    static WorkerStack stack;

    @TempDir
    static Path outside;

    @BeforeAll
    static void start() throws IOException {
        stack = WorkerStack.create();
        stack.startWorker("paths");
        Files.write(outside.resolve("secret.jsonl"), WorkerStack.chatLines("sim-zero", 3), StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** A new input of {@code user} in their directory, with {@code lines} chat lines. */
    private static Path input(String user, String model, int lines) throws IOException {
        Path file = stack.userDirectory(user).resolve("in-" + UUID.randomUUID() + ".jsonl");
        Files.write(file, WorkerStack.chatLines(model, lines), StandardCharsets.UTF_8);
        return file;
    }

    /** Replaces {@code path} by a link to {@code target}: a file in one rename, a folder moved aside first. */
    private static void swapForLink(Path path, Path target) throws IOException {
        Path link = Files.createSymbolicLink(path.resolveSibling(path.getFileName() + ".swap"), target);
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(path, path.resolveSibling(path.getFileName() + ".old"), StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(link, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void assertFailedOn(String batchId, String param, String fragment) {
        Batch batch = stack.awaitTerminal(batchId, Duration.ofSeconds(60));
        assertThat(batch.state()).isEqualTo(BatchState.FAILED);
        assertThat(batch.errors()).extracting(BatchError::code, BatchError::param)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("invalid_path", param));
        assertThat(batch.errors().getFirst().message()).contains(fragment);
    }

    private static List<Path> outsideFiles() throws IOException {
        try (Stream<Path> files = Files.walk(outside)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void anInputOrItsFolderSwappedForALinkAfterSubmitIsNotRead() throws IOException {
        Path file = input(ALICE, "sim-zero", 2);
        Path folder = Files.createDirectories(stack.userDirectory(ALICE).resolve("inputs-" + UUID.randomUUID()));
        Path nested = folder.resolve("secret.jsonl");
        Files.write(nested, WorkerStack.chatLines("sim-zero", 2), StandardCharsets.UTF_8);
        String viaFile = stack.createFirstBatch(BatchIds.newId(), ALICE, "sim-zero", file, null);
        String viaFolder = stack.createFirstBatch(BatchIds.newId(), ALICE, "sim-zero", nested, null);

        swapForLink(file, outside.resolve("secret.jsonl"));
        swapForLink(folder, outside);
        stack.submit(viaFile);
        stack.submit(viaFolder);

        assertFailedOn(viaFile, "input_file", "symbolic link ('" + file.getFileName() + "')");
        assertFailedOn(viaFolder, "input_file", "symbolic link ('" + folder.getFileName() + "')");
    }

    @Test
    void anOutputFolderSwappedForALinkBeforeValidationFailsTheBatchAndNothingIsWrittenOutside() throws IOException {
        Path results = Files.createDirectories(stack.userDirectory(ALICE).resolve("results-" + UUID.randomUUID()));
        String id = stack.createFirstBatch(BatchIds.newId(), ALICE, "sim-zero", input(ALICE, "sim-zero", 2),
                results.toString());

        swapForLink(results, outside);
        stack.submit(id);

        assertFailedOn(id, "output_folder_path", "symbolic link");
        assertThat(outsideFiles()).containsExactly(outside.resolve("secret.jsonl"));
    }

    @Test
    void anOutputFolderSwappedForALinkWhileTheBatchRunsFailsItAtTheEndAndNothingIsWrittenOutside()
            throws IOException {
        Path results = Files.createDirectories(stack.userDirectory(ALICE).resolve("results-" + UUID.randomUUID()));
        String id = stack.createFirstBatch(BatchIds.newId(), ALICE, "sim-slow", input(ALICE, "sim-slow", 2),
                results.toString());
        stack.submit(id);
        stack.awaitState(id, BatchState.IN_PROGRESS, Duration.ofSeconds(30));

        swapForLink(results, outside);

        assertFailedOn(id, "output_folder_path", "symbolic link");
        Batch failed = stack.batches.find(id).orElseThrow();
        assertThat(failed.requestCounts()).isEqualTo(new Batch.RequestCounts(2, 2, 0));
        assertThat(failed.outputFileId()).as("the answers are kept as a file").isNotNull();
        assertThat(outsideFiles()).containsExactly(outside.resolve("secret.jsonl"));
    }

    @Test
    void aUserReadsAndWritesOnlyUnderTheirOwnDirectory() throws IOException {
        Path alicesInput = input(ALICE, "sim-zero", 2);
        Path alicesResults = stack.userDirectory(ALICE).resolve("results-" + UUID.randomUUID());
        String reading = stack.createFirstBatch(BatchIds.newId(), BOB, "sim-zero", alicesInput, null);
        String writing = stack.createFirstBatch(BatchIds.newId(), BOB, "sim-zero", input(BOB, "sim-zero", 2),
                alicesResults.toString());

        stack.submit(reading);
        stack.submit(writing);

        assertFailedOn(reading, "input_file", "must be inside " + stack.userDirectory(BOB));
        assertFailedOn(writing, "output_folder_path", "must be inside " + stack.userDirectory(BOB));
        assertThat(alicesResults).doesNotExist();
    }
}
