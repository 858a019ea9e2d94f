package io.inferencegateway.gateway.batches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferencegateway.gateway.http.ApiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchPathsTest {

    @TempDir
    Path temp;
    private Path root;
    private BatchPaths paths;

    @BeforeEach
    void roots() throws IOException {
        root = Files.createDirectories(temp.resolve("data/root"));
        Files.writeString(root.resolve("in.jsonl"), "{}\n");
        paths = new BatchPaths(BatchSettings.roots(root.toString()));
    }

    private static void refused(Runnable check, String fragment) {
        assertThatThrownBy(check::run).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400))
                .hasMessageContaining(fragment);
    }

    @Test
    void acceptsFilesAndFoldersUnderTheRoot() throws IOException {
        assertThat(paths.inputFile(root + "/in.jsonl", "input_file")).isEqualTo(root.resolve("in.jsonl"));
        assertThat(paths.inputFile(root + "/./in.jsonl", "input_file")).isEqualTo(root.resolve("in.jsonl"));
        assertThat(paths.outputFolder(root + "/not/yet/made", "out")).isEqualTo(root.resolve("not/yet/made"));
        assertThat(paths.outputFolder(root.toString(), "out")).isEqualTo(root);
    }

    @Test
    void aSiblingWithTheRootsNameAsPrefixIsOutside() throws IOException {
        Path sibling = Files.createDirectories(temp.resolve("data/root-other"));
        Files.writeString(sibling.resolve("in.jsonl"), "{}\n");

        refused(() -> paths.inputFile(sibling + "/in.jsonl", "input_file"), "must be inside");
    }

    @Test
    void aSymbolicLinkInsideTheRootThatStaysInsideIsFine() throws IOException {
        Files.createSymbolicLink(root.resolve("alias.jsonl"), root.resolve("in.jsonl"));

        assertThat(paths.inputFile(root + "/alias.jsonl", "input_file")).isEqualTo(root.resolve("alias.jsonl"));
    }

    @Test
    void aSymbolicLinkOutOfTheRootIsRefusedForInputsAndOutputs() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.jsonl"), "{}\n");
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("secret.jsonl"), outside.resolve("secret.jsonl"));

        refused(() -> paths.inputFile(root + "/escape/secret.jsonl", "input_file"), "symbolic link");
        refused(() -> paths.inputFile(root + "/secret.jsonl", "input_file"), "symbolic link");
        refused(() -> paths.outputFolder(root + "/escape/new/folder", "out"), "symbolic link");
    }

    @Test
    void aDanglingLinkIsNeitherAnInputNorAFolder() throws IOException {
        Files.createSymbolicLink(root.resolve("dangling"), temp.resolve("nowhere"));

        refused(() -> paths.inputFile(root + "/dangling", "input_file"), "does not exist");
        refused(() -> paths.outputFolder(root + "/dangling/results", "out"), "cannot be resolved");
    }

    @Test
    void aRootReachedThroughALinkAcceptsBothSpellings() throws IOException {
        Path link = Files.createSymbolicLink(temp.resolve("link-to-root"), root);
        BatchPaths linked = new BatchPaths(BatchSettings.roots(link.toString()));

        assertThat(linked.inputFile(link + "/in.jsonl", "input_file")).isEqualTo(link.resolve("in.jsonl"));
        assertThat(linked.inputFile(root + "/in.jsonl", "input_file")).isEqualTo(root.resolve("in.jsonl"));
    }

    @Test
    void refusesWhatNeedsNoFilesystemToRefuse() {
        refused(() -> paths.inputFile("in.jsonl", "input_file"), "absolute");
        refused(() -> paths.inputFile(root + "/../root/in.jsonl", "input_file"), "'..'");
        refused(() -> paths.inputFile(root + "/in\u0000.jsonl", "input_file"), "not a valid path");
        refused(() -> paths.inputFile(root + "/" + "a".repeat(1_000), "input_file"), "longer than");
        refused(() -> paths.outputFolder("/", "out"), "must be inside");
    }

    @Test
    void severalRootsAreAllowed() throws IOException {
        Path second = Files.createDirectories(temp.resolve("second"));
        Files.writeString(second.resolve("x.jsonl"), "{}\n");
        BatchPaths two = new BatchPaths(BatchSettings.roots(root + ":" + second));

        assertThat(two.inputFile(second + "/x.jsonl", "input_file")).isEqualTo(second.resolve("x.jsonl"));
        assertThat(two.inputFile(root + "/in.jsonl", "input_file")).isEqualTo(root.resolve("in.jsonl"));
    }

    @Test
    void noRootsMeansNoServerPathBatches() {
        refused(new BatchPaths(List.of())::requireRoots, "GATEWAY_BATCH_ROOTS");
    }

    @Test
    void misconfiguredRootsStopTheGatewayAtStart() {
        assertThatThrownBy(() -> BatchSettings.roots("relative/dir")).hasMessageContaining("not an absolute path");
        assertThatThrownBy(() -> BatchSettings.roots(temp.resolve("missing").toString()))
                .hasMessageContaining("not an existing directory");
        assertThatThrownBy(() -> BatchSettings.fromEnvironment(name -> name.equals("GATEWAY_BATCH_MAX_ACTIVE")
                ? "two" : null)).hasMessageContaining("GATEWAY_BATCH_MAX_ACTIVE");
        assertThat(BatchSettings.fromEnvironment(name -> null)).isEqualTo(new BatchSettings(List.of(), 2));
    }
}
