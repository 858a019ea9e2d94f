package io.inferencegateway.gateway.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import io.inferencegateway.config.Environment;
import io.inferencegateway.gateway.GatewayFixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gateway that keeps contents in a directory (GATEWAY_FILE_STORAGE) with a 2 MB upload limit. */
class DirectoryStorageTest {

    @TempDir
    static Path storage;

    private static GatewayFixture gateway;
    private static String key;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start(Map.of(Environment.FILE_STORAGE, "directory:" + storage,
                Environment.FILE_MAX_BYTES, String.valueOf(2 * 1024 * 1024), Environment.FILE_MAX_LINES, "100000"));
        key = gateway.keyFor("directory-user", List.of(), "example.org");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void contentsLiveInTheDirectoryUntilDeleted() throws IOException {
        OpenAIClient client = client();
        byte[] content = "{\"custom_id\": \"1\"}\n{\"custom_id\": \"2\"}\n".getBytes(StandardCharsets.UTF_8);

        FileObject file = client.files().create(FileCreateParams.builder().file(content).purpose(FilePurpose.BATCH)
                .build());

        assertThat(storage.resolve(file.id())).hasBinaryContent(content);
        try (HttpResponse response = client.files().content(file.id()); InputStream body = response.body()) {
            assertThat(body.readAllBytes()).isEqualTo(content);
        }
        client.files().delete(file.id());
        assertThat(storage.resolve(file.id())).doesNotExist();
    }

    @Test
    void anUploadOverTheLimitIsA413AndLeavesNoFile() throws Exception {
        long filesBefore = entries();
        FilesHttp http = new FilesHttp(gateway.baseUrl());

        var streamed = http.uploadStreamed(key, "big.jsonl", () -> new JsonlStream(3_000, 1_000));
        assertThatThrownBy(() -> client().files().create(FileCreateParams.builder()
                .file(new JsonlStream(2_200, 1_000)).purpose(FilePurpose.BATCH).build()))
                .isInstanceOfSatisfying(OpenAIServiceException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(413));

        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(413);
        assertThat(FilesHttp.error(streamed).path("message").asText()).isEqualTo("The file exceeds the 2 MB limit.");
        assertThat(FilesHttp.error(streamed).path("code").asText()).isEqualTo("file_too_large");
        assertThat(entries()).isEqualTo(filesBefore);
        assertThat(client().files().list().data()).noneMatch(file -> file.bytes() > 2 * 1024 * 1024);
    }

    /**
     * No length announced, and the bytes past the allowance (2 MB plus 1 MiB for the form) are outside the file, in a
     * part the parser skips: the parser's own bound on the request refuses them.
     */
    @Test
    void aStreamedFormPastTheAllowanceIsA413() throws Exception {
        byte[] form = new FilesHttp.Form().part("Content-Disposition: form-data", new byte[3 * 1024 * 1024])
                .field("purpose", "batch").file("a.jsonl", "{\"custom_id\": \"a\"}\n").bytes();

        var response = new FilesHttp(gateway.baseUrl()).send(key, "multipart/form-data; boundary=" + FilesHttp.BOUNDARY,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(FilesHttp.error(response).path("message").asText())
                .startsWith("The request body exceeds the 2 MB limit for uploaded files");
        assertThat(FilesHttp.error(response).path("code").asText()).isEqualTo("file_too_large");
    }

    @Test
    void exactlyTheLimitIsAccepted() {
        FileObject file = client().files().create(FileCreateParams.builder()
                .file(new JsonlStream(2_048, 1_024)).purpose(FilePurpose.BATCH).build());

        assertThat(file.bytes()).isEqualTo(2 * 1024 * 1024);
    }

    private static OpenAIClient client() {
        return OpenAIOkHttpClient.builder().apiKey(key).baseUrl(gateway.baseUrl() + "/v1").maxRetries(0).build();
    }

    private static long entries() throws IOException {
        try (Stream<Path> entries = Files.list(storage)) {
            return entries.count();
        }
    }
}
