package io.inferencegateway.gateway.batches;

import static io.inferencegateway.gateway.batches.BatchRequestErrorsTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.gateway.GatewayFixture;
import io.inferencegateway.json.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-user roots (issue 14): with {@code GATEWAY_BATCH_ROOTS=<root>/{user}} a user submits inputs from and outputs
 * to their own directory only; another user's directory is outside their roots, a 400 before any row is written.
 */
@Timeout(120)
class FirstBatchOwnershipTest {

    private static final String SUBMIT = "/resource_server/open/vllm/v1/batches";

    @TempDir
    static Path temp;
    private static Path users;
    private static GatewayFixture gateway;

    @BeforeAll
    static void start() throws IOException {
        users = Files.createDirectories(temp.resolve("users"));
        gateway = GatewayFixture.start(Map.of("GATEWAY_BATCH_ROOTS", users + "/{user}",
                "GATEWAY_BATCH_MAX_ACTIVE", "0"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** A user of their own with a directory of their own, and a key. */
    private record Account(String id, Path directory, String key) {
    }

    private static Account account(String prefix, boolean withDirectory) throws IOException {
        String id = prefix + "-" + UUID.randomUUID();
        Path directory = users.resolve(id);
        if (withDirectory) {
            Files.createDirectories(directory);
        }
        return new Account(id, directory, "Bearer " + gateway.keyFor(id, List.of(), "example.org"));
    }

    private static String input(Account owner) throws IOException {
        Path file = owner.directory().resolve(UUID.randomUUID() + ".jsonl");
        Files.writeString(file, TestFiles.chatLines("model-a", 2));
        return file.toString();
    }

    private static String body(String input, String output) {
        return "{\"input_file\":\"" + input + "\",\"model\":\"model-a\""
                + (output == null ? "" : ",\"output_folder_path\":\"" + output + "\"") + "}";
    }

    @Test
    void aUserReadsAndWritesOnlyUnderTheirOwnDirectory() throws Exception {
        Account alice = account("alice", true);
        Account bob = account("bob", true);
        String alicesInput = input(alice);
        String alicesFolder = alice.directory().resolve("results").toString();

        assertThat(gateway.post(SUBMIT, alice.key(), body(alicesInput, alicesFolder)).statusCode()).isEqualTo(200);

        HttpResponse<String> reading = gateway.post(SUBMIT, bob.key(), body(alicesInput, null));
        assertError(reading, 400, "invalid_path", null);
        assertThat(Json.read(reading.body()).at("/error/info/param").asText()).isEqualTo("input_file");
        assertThat(Json.read(reading.body()).at("/error/message").asText())
                .contains("must be inside " + bob.directory());
        HttpResponse<String> writing = gateway.post(SUBMIT, bob.key(), body(input(bob), alicesFolder));
        assertError(writing, 400, "invalid_path", null);
        assertThat(Json.read(writing.body()).at("/error/info/param").asText()).isEqualTo("output_folder_path");
        assertThat(gateway.post(SUBMIT, bob.key(), body(input(bob), bob.directory() + "/results")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aUserWithoutADirectoryIsToldSo() throws Exception {
        Account carol = account("carol", false);

        HttpResponse<String> response = gateway.post(SUBMIT, carol.key(), body(carol.directory() + "/in.jsonl", null));

        assertError(response, 400, "invalid_path", null);
        assertThat(Json.read(response.body()).at("/error/message").asText())
                .contains("not a directory this gateway can use");
    }
}
