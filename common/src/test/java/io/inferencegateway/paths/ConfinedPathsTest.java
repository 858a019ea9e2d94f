package io.inferencegateway.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The path rule of FIRST-style batches, on a real filesystem: lexical checks, then no link anywhere below a root. */
@Timeout(30)
class ConfinedPathsTest {

    @TempDir
    Path temp;
    private Path root;
    private Path outside;
    private ConfinedPaths paths;

    @BeforeEach
    void roots() throws IOException {
        root = Files.createDirectories(temp.resolve("data/root"));
        outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(root.resolve("in.jsonl"), "inside\n");
        Files.writeString(outside.resolve("secret.jsonl"), "secret\n");
        paths = forRoots(root.toString());
    }

    private static ConfinedPaths forRoots(String configured) {
        return new ConfinedPaths(BatchRoots.parse(configured, null).forUser("anyone"));
    }

    @FunctionalInterface
    interface Check {
        void run() throws Exception;
    }

    private static void refused(Check check, String fragment) {
        assertThatThrownBy(check::run).isInstanceOf(PathRefused.class).hasMessageContaining(fragment)
                .satisfies(e -> assertThat(((PathRefused) e).code()).isEqualTo("invalid_path"));
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Replaces {@code path} by a link to {@code target} as an attacker racing the worker would: a file in one
     * rename, a directory (which a rename cannot replace) moved aside first.
     */
    private static void swapForLink(Path path, Path target) throws IOException {
        Path link = Files.createSymbolicLink(path.resolveSibling(path.getFileName() + ".swap"), target);
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(path, path.resolveSibling(path.getFileName() + ".old"), StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(link, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void acceptsFilesAndFoldersUnderTheRoot() throws Exception {
        assertThat(paths.checkInput(root + "/in.jsonl", "input_file")).isEqualTo(root.resolve("in.jsonl"));
        assertThat(paths.checkInput(root + "/./in.jsonl", "input_file")).isEqualTo(root.resolve("in.jsonl"));
        assertThat(read(paths.openInput(root + "/in.jsonl", "input_file"))).isEqualTo("inside\n");
        assertThat(paths.checkOutputFolder(root + "/not/yet/made", "out")).isEqualTo(root.resolve("not/yet/made"));
        assertThat(paths.checkOutputFolder(root.toString(), "out")).isEqualTo(root);
    }

    @Test
    void aSiblingWithTheRootsNameAsPrefixIsOutside() throws IOException {
        Path sibling = Files.createDirectories(temp.resolve("data/root-other"));
        Files.writeString(sibling.resolve("in.jsonl"), "{}\n");

        refused(() -> paths.checkInput(sibling + "/in.jsonl", "input_file"), "must be inside");
    }

    @Test
    void aSymbolicLinkBelowTheRootIsRefusedEvenOneThatStaysInside() throws IOException {
        Files.createSymbolicLink(root.resolve("alias.jsonl"), root.resolve("in.jsonl"));
        Files.createDirectories(root.resolve("real-dir"));
        Files.writeString(root.resolve("real-dir/x.jsonl"), "{}\n");
        Files.createSymbolicLink(root.resolve("dir-alias"), root.resolve("real-dir"));

        refused(() -> paths.checkInput(root + "/alias.jsonl", "input_file"), "symbolic link ('alias.jsonl')");
        refused(() -> paths.checkInput(root + "/dir-alias/x.jsonl", "input_file"), "symbolic link ('dir-alias')");
        refused(() -> paths.checkOutputFolder(root + "/dir-alias/results", "out"), "symbolic link");
    }

    @Test
    void aSymbolicLinkOutOfTheRootIsRefusedForInputsAndOutputs() throws IOException {
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("secret.jsonl"), outside.resolve("secret.jsonl"));

        refused(() -> paths.checkInput(root + "/escape/secret.jsonl", "input_file"), "symbolic link");
        refused(() -> paths.openInput(root + "/secret.jsonl", "input_file"), "symbolic link");
        refused(() -> paths.checkOutputFolder(root + "/escape/new/folder", "out"), "symbolic link");
        refused(() -> paths.writeFiles(root + "/escape", "out", Map.of()), "symbolic link");
    }

    @Test
    void linksSwappedInAfterTheCheckAreRefusedWhenOpenedAndNothingIsWrittenOutside() throws Exception {
        Path input = root.resolve("in.jsonl");
        Path folder = Files.createDirectories(root.resolve("results"));
        Path nested = Files.createDirectories(root.resolve("nested"));
        Files.writeString(nested.resolve("secret.jsonl"), "inside too\n");
        paths.checkInput(input.toString(), "input_file");
        paths.checkInput(nested.resolve("secret.jsonl").toString(), "input_file");
        paths.checkOutputFolder(folder.toString(), "output_folder_path");

        swapForLink(input, outside.resolve("secret.jsonl"));
        swapForLink(nested, outside);
        swapForLink(folder, outside);

        refused(() -> paths.openInput(input.toString(), "input_file"), "symbolic link ('in.jsonl')");
        refused(() -> paths.openInput(nested.resolve("secret.jsonl").toString(), "input_file"),
                "symbolic link ('nested')");
        Path content = Files.writeString(temp.resolve("content"), "answers\n");
        refused(() -> paths.writeFiles(folder.toString(), "output_folder_path", Map.of("out.jsonl", content)),
                "'output_folder_path' passes through a symbolic link");
        try (var listed = Files.list(outside)) {
            assertThat(listed).containsExactly(outside.resolve("secret.jsonl"));
        }
    }

    @Test
    void writesCreateMissingFoldersAndReplaceAPlantedNameInsteadOfWritingThroughIt() throws Exception {
        Path folder = Files.createDirectories(root.resolve("results"));
        Files.createSymbolicLink(folder.resolve("b_output.jsonl"), outside.resolve("secret.jsonl"));
        Files.createLink(folder.resolve("b_error.jsonl"), outside.resolve("secret.jsonl"));
        Path output = Files.writeString(temp.resolve("output"), "answers\n");
        Path errors = Files.writeString(temp.resolve("errors"), "errors\n");

        paths.writeFiles(folder.toString(), "out", Map.of("b_output.jsonl", output, "b_error.jsonl", errors));
        paths.writeFiles(root + "/new/deeper", "out", Map.of("b_output.jsonl", output));

        assertThat(Files.readString(outside.resolve("secret.jsonl"))).isEqualTo("secret\n");
        assertThat(Files.isSymbolicLink(folder.resolve("b_output.jsonl"))).isFalse();
        assertThat(Files.readString(folder.resolve("b_output.jsonl"))).isEqualTo("answers\n");
        assertThat(Files.readString(folder.resolve("b_error.jsonl"))).isEqualTo("errors\n");
        assertThat(Files.readString(root.resolve("new/deeper/b_output.jsonl"))).isEqualTo("answers\n");
        try (var listed = Files.list(folder)) {
            assertThat(listed.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("b_output.jsonl",
                    "b_error.jsonl");
        }
    }

    @Test
    void aDanglingLinkIsNeitherAnInputNorAFolder() throws IOException {
        Files.createSymbolicLink(root.resolve("dangling"), temp.resolve("nowhere"));

        refused(() -> paths.checkInput(root + "/dangling", "input_file"), "symbolic link");
        refused(() -> paths.checkOutputFolder(root + "/dangling/results", "out"), "symbolic link");
    }

    @Test
    void missingFilesFoldersAndFilesInPlaceOfFoldersAreNamed() throws IOException {
        Files.writeString(root.resolve("not-a-folder"), "");

        refused(() -> paths.checkInput(root + "/missing.jsonl", "input_file"), "does not exist");
        refused(() -> paths.checkInput(root + "/no/such/dir.jsonl", "input_file"), "does not exist");
        refused(() -> paths.checkInput(root.toString(), "input_file"), "readable regular file");
        refused(() -> paths.checkInput(root + "/not-a-folder/x.jsonl", "input_file"), "does not exist");
        refused(() -> paths.checkOutputFolder(root + "/not-a-folder/results", "out"),
                "must be a directory or a path inside one");
    }

    @Test
    void aRootReachedThroughALinkAcceptsBothSpellings() throws Exception {
        Path link = Files.createSymbolicLink(temp.resolve("link-to-root"), root);
        ConfinedPaths linked = forRoots(link.toString());

        assertThat(linked.checkInput(link + "/in.jsonl", "input_file")).isEqualTo(link.resolve("in.jsonl"));
        assertThat(linked.checkInput(root + "/in.jsonl", "input_file")).isEqualTo(root.resolve("in.jsonl"));
    }

    @Test
    void refusesWhatNeedsNoFilesystemToRefuse() {
        refused(() -> paths.checkInput("in.jsonl", "input_file"), "absolute");
        refused(() -> paths.checkInput(root + "/../root/in.jsonl", "input_file"), "'..'");
        refused(() -> paths.checkInput(root + "/in\u0000.jsonl", "input_file"), "not a valid path");
        refused(() -> paths.checkInput(root + "/" + "a".repeat(1_000), "input_file"), "longer than");
        refused(() -> paths.checkOutputFolder("/", "out"), "must be inside");
    }

    @Test
    void severalRootsAreAllowed() throws Exception {
        Path second = Files.createDirectories(temp.resolve("second"));
        Files.writeString(second.resolve("x.jsonl"), "{}\n");
        ConfinedPaths two = forRoots(root + ":" + second);

        assertThat(two.checkInput(second + "/x.jsonl", "input_file")).isEqualTo(second.resolve("x.jsonl"));
        assertThat(two.checkInput(root + "/in.jsonl", "input_file")).isEqualTo(root.resolve("in.jsonl"));
    }
}
