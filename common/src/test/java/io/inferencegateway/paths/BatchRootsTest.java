package io.inferencegateway.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Per-user roots: {user} in GATEWAY_BATCH_ROOTS, GATEWAY_BATCH_USER_ROOTS, and what a user may reach with them. */
@Timeout(30)
class BatchRootsTest {

    @TempDir
    Path temp;

    @Test
    void userBecomesOneSafeNameThatNoOtherIdShares() {
        assertThat(UserDirectory.name("alice@example.org")).isEqualTo("alice@example.org");
        assertThat(UserDirectory.name("b7e1c2d4-0b5e-4a55-9c3e-0d1f2a3b4c5d")).isEqualTo(
                "b7e1c2d4-0b5e-4a55-9c3e-0d1f2a3b4c5d");
        assertThat(UserDirectory.name("../alice")).isEqualTo("%2E.%2Falice");
        assertThat(UserDirectory.name("..")).isEqualTo("%2E.");
        assertThat(UserDirectory.name(".")).isEqualTo("%2E");
        assertThat(UserDirectory.name("a/b")).isEqualTo("a%2Fb").isNotEqualTo(UserDirectory.name("a_b"))
                .isNotEqualTo(UserDirectory.name("a%2Fb"));
        assertThat(UserDirectory.name("Zoë")).isEqualTo("Zo%C3%AB");
        assertThat(UserDirectory.name("")).isEqualTo("%");
    }

    @Test
    void eachUserGetsTheirOwnDirectoryAndTheSharedOnes() throws IOException {
        Path shared = Files.createDirectories(temp.resolve("shared"));
        Path users = Files.createDirectories(temp.resolve("users"));
        Path project = Files.createDirectories(temp.resolve("project-x"));
        BatchRoots roots = BatchRoots.parse(shared + ":" + users + "/{user}/batches",
                "{\"alice\": \"" + project + "\", \"bob\": [\"" + project + "\"]}");

        assertThat(roots.configured()).isTrue();
        assertThat(roots.forUser("alice")).extracting(BatchRoot::configured).containsExactly(shared,
                users.resolve("alice/batches"), project);
        assertThat(roots.forUser("carol/..")).extracting(BatchRoot::configured).containsExactly(shared,
                users.resolve("carol%2F../batches"));
        BatchRoot alices = roots.forUser("alice").get(1);
        assertThat(alices.trusted()).isEqualTo(users.toRealPath());
        assertThat(alices.below()).containsExactly("alice", "batches");
        assertThat(BatchRoots.parse(null, " ").configured()).isFalse();
    }

    @Test
    void aUserReadsAndWritesOnlyUnderTheirOwnDirectory() throws Exception {
        Path users = Files.createDirectories(temp.resolve("users"));
        Path alice = Files.createDirectories(users.resolve("alice"));
        Files.createDirectories(users.resolve("bob"));
        Files.writeString(alice.resolve("prompts.jsonl"), "{}\n");
        BatchRoots roots = BatchRoots.parse(users + "/{user}", null);
        ConfinedPaths asAlice = new ConfinedPaths(roots.forUser("alice"));
        ConfinedPaths asBob = new ConfinedPaths(roots.forUser("bob"));

        assertThat(asAlice.checkInput(alice + "/prompts.jsonl", "input_file")).isEqualTo(alice.resolve("prompts.jsonl"));
        assertThatThrownBy(() -> asBob.checkInput(alice + "/prompts.jsonl", "input_file"))
                .isInstanceOf(PathRefused.class).hasMessageContaining("must be inside " + users.resolve("bob"));
        assertThatThrownBy(() -> asBob.checkOutputFolder(alice + "/results", "output_folder_path"))
                .isInstanceOf(PathRefused.class).hasMessageContaining("must be inside");
        assertThatThrownBy(() -> asBob.writeFiles(alice.toString(), "output_folder_path", Map.of()))
                .isInstanceOf(PathRefused.class).hasMessageContaining("must be inside");
    }

    @Test
    void aUsersOwnDirectoryMustExistAndBeNoLink() throws IOException {
        Path users = Files.createDirectories(temp.resolve("users"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("x.jsonl"), "{}\n");
        Files.createDirectories(users.resolve("alice"));
        Files.createSymbolicLink(users.resolve("alice/batches"), outside);
        BatchRoots roots = BatchRoots.parse(users + "/{user}/batches", null);

        assertThatThrownBy(() -> new ConfinedPaths(roots.forUser("alice"))
                .checkInput(users + "/alice/batches/x.jsonl", "input_file"))
                .isInstanceOf(PathRefused.class).hasMessageContaining("not a directory this gateway can use");
        assertThatThrownBy(() -> new ConfinedPaths(roots.forUser("nobody"))
                .checkOutputFolder(users + "/nobody/batches/out", "output_folder_path"))
                .isInstanceOf(PathRefused.class).hasMessageContaining("not a directory this gateway can use");
    }

    @Test
    void misconfiguredRootsStopTheProcessAtStart() {
        assertThatThrownBy(() -> BatchRoots.parse("relative/dir", null)).hasMessageContaining("not an absolute path");
        assertThatThrownBy(() -> BatchRoots.parse(temp.resolve("missing").toString(), null))
                .hasMessageContaining("not an existing directory");
        assertThatThrownBy(() -> BatchRoots.parse(temp.resolve("missing") + "/{user}", null))
                .hasMessageContaining("not an existing directory");
        assertThatThrownBy(() -> BatchRoots.parse(temp + "/u-{user}", null))
                .hasMessageContaining("must be a whole name");
        assertThatThrownBy(() -> BatchRoots.parse(null, "[1]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> BatchRoots.parse(null, "{")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> BatchRoots.parse(null, "{\"a\": \"" + temp + "/{user}\"}"))
                .hasMessageContaining("belongs in GATEWAY_BATCH_ROOTS");
        assertThatThrownBy(() -> BatchRoots.parse(null, "{\"a\": 3}")).hasMessageContaining("neither a string");
    }
}
