package io.inferencegateway.gateway.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileDeleted;
import com.openai.models.files.FileListParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import io.inferencegateway.gateway.GatewayFixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Files API through the official OpenAI Java SDK, unchanged, against a real gateway. */
class FilesApiTest {

    private static final String LINES = """
            {"custom_id": "r1", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "model-a"}}
            {"custom_id": "r2", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "model-b"}}
            """;

    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void uploadRetrieveListDownloadDelete(@TempDir Path directory) throws IOException {
        OpenAIClient client = client(newUserKey("files-round-trip"));
        Path input = Files.writeString(directory.resolve("requests.jsonl"), LINES);
        long before = Instant.now().getEpochSecond();

        FileObject file = client.files().create(FileCreateParams.builder().file(input).purpose(FilePurpose.BATCH)
                .build());

        assertThat(file.id()).matches("file-[0-9A-Za-z]{24}");
        assertThat(file.bytes()).isEqualTo(LINES.getBytes(StandardCharsets.UTF_8).length);
        assertThat(file.filename()).isEqualTo("requests.jsonl");
        assertThat(file.purpose()).isEqualTo(FileObject.Purpose.BATCH);
        assertThat(file.status()).isEqualTo(FileObject.Status.PROCESSED);
        assertThat(file.createdAt()).isBetween(before - 1, Instant.now().getEpochSecond() + 1);
        assertThat(file.expiresAt()).isEmpty();

        assertThat(client.files().retrieve(file.id())).isEqualTo(file);
        assertThat(client.files().list().data()).containsExactly(file);
        assertThat(download(client, file.id())).isEqualTo(LINES);

        FileDeleted deleted = client.files().delete(file.id());
        assertThat(deleted.id()).isEqualTo(file.id());
        assertThat(deleted.deleted()).isTrue();
        assertThatThrownBy(() -> client.files().retrieve(file.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> download(client, file.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.files().delete(file.id())).isInstanceOf(NotFoundException.class);
        assertThat(client.files().list().data()).isEmpty();
    }

    @Test
    void uploadsFromBytesAndFromAStream() throws IOException {
        OpenAIClient client = client(newUserKey("files-sources"));

        FileObject fromBytes = client.files().create(FileCreateParams.builder()
                .file(LINES.getBytes(StandardCharsets.UTF_8)).purpose(FilePurpose.BATCH).build());
        FileObject fromStream = client.files().create(FileCreateParams.builder()
                .file(new ByteArrayInputStream(LINES.getBytes(StandardCharsets.UTF_8))).purpose(FilePurpose.BATCH)
                .build());

        for (FileObject file : List.of(fromBytes, fromStream)) {
            assertThat(file.bytes()).isEqualTo(LINES.length());
            assertThat(file.filename()).isNotBlank();
            assertThat(download(client, file.id())).isEqualTo(LINES);
        }
    }

    @Test
    void theContentComesWithItsLengthAndAJsonlType() throws Exception {
        String key = newUserKey("files-content-type");
        FileObject file = client(key).files().create(FileCreateParams.builder()
                .file(LINES.getBytes(StandardCharsets.UTF_8)).purpose(FilePurpose.BATCH).build());
        FilesHttp http = new FilesHttp(gateway.baseUrl());
        FilesHttp.Form form = new FilesHttp.Form().field("purpose", "batch").file("input.jsonl", LINES);
        String jsonlId = FilesHttp.json(http.upload(key, form)).path("id").asText();

        var octets = http.get(key, "/v1/files/" + file.id() + "/content");
        var jsonl = http.get(key, "/v1/files/" + jsonlId + "/content");

        assertThat(jsonl.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/jsonl"));
        assertThat(jsonl.headers().firstValueAsLong("Content-Length")).hasValue(LINES.length());
        assertThat(jsonl.body()).isEqualTo(LINES);
        assertThat(octets.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith(file.filename().endsWith(".jsonl") ? "application/jsonl" : "application/octet-stream"));
    }

    @Test
    void theFileObjectHasExactlyOpenAisFields() throws Exception {
        String key = newUserKey("files-json");
        FilesHttp http = new FilesHttp(gateway.baseUrl());
        JsonNode created = FilesHttp.json(http.upload(key, new FilesHttp.Form().field("purpose", "batch")
                .file("in.jsonl", LINES)));

        JsonNode retrieved = FilesHttp.json(http.get(key, "/v1/files/" + created.path("id").asText()));
        JsonNode list = FilesHttp.json(http.get(key, "/v1/files"));

        assertThat(retrieved).isEqualTo(created);
        assertThat(iterable(created.fieldNames())).containsExactly("id", "object", "bytes", "created_at",
                "filename", "purpose", "status");
        assertThat(created.path("object").asText()).isEqualTo("file");
        assertThat(created.path("status").asText()).isEqualTo("processed");
        assertThat(iterable(list.fieldNames())).containsExactly("object", "data", "first_id", "last_id", "has_more");
        assertThat(list.path("object").asText()).isEqualTo("list");
        assertThat(list.path("first_id").asText()).isEqualTo(created.path("id").asText());
        assertThat(list.path("last_id").asText()).isEqualTo(created.path("id").asText());
        assertThat(list.path("has_more").asBoolean()).isFalse();
        assertThat(FilesHttp.json(http.delete(key, "/v1/files/" + created.path("id").asText())).toString())
                .isEqualTo("{\"id\":\"" + created.path("id").asText() + "\",\"object\":\"file\",\"deleted\":true}");
    }

    /** Names come as raw UTF-8 (what the SDK sends) or RFC 2231 encoded; directories and control characters go. */
    @Test
    void fileNamesArriveDecodedAndWithoutDirectories() throws Exception {
        String key = newUserKey("files-names");
        FilesHttp http = new FilesHttp(gateway.baseUrl());
        byte[] content = LINES.getBytes(StandardCharsets.UTF_8);
        List<String> names = new ArrayList<>();
        for (String disposition : List.of("filename=\"naïve données.jsonl\"",
                "filename=\"fallback.jsonl\"; filename*=UTF-8''na%C3%AFve.jsonl",
                "filename=\"C:\\\\Users\\\\me\\\\in.jsonl\"", "filename=\"../../etc/in.jsonl\"",
                "filename=\"nul\u0000.jsonl\"", "filename=\"\"")) {
            var response = http.upload(key, new FilesHttp.Form().field("purpose", "batch")
                    .part("Content-Disposition: form-data; name=\"file\"; " + disposition, content));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            names.add(FilesHttp.json(response).path("filename").asText());
        }

        assertThat(names).containsExactly("naïve données.jsonl", "naïve.jsonl", "in.jsonl", "in.jsonl",
                "nul.jsonl", "upload.jsonl");
    }

    @Test
    void listsNewestFirstPageByPage() {
        OpenAIClient client = client(newUserKey("files-pages"));
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            newestFirst.add(0, client.files().create(FileCreateParams.builder()
                    .file(("{\"custom_id\":\"n-" + i + "\"}\n").getBytes(StandardCharsets.UTF_8)).purpose(FilePurpose.BATCH)
                    .build()).id());
        }

        var firstPage = client.files().list(FileListParams.builder().limit(2).build());
        List<String> all = new ArrayList<>();
        firstPage.autoPager().forEach(file -> all.add(file.id()));

        assertThat(firstPage.data()).extracting(FileObject::id).containsExactlyElementsOf(newestFirst.subList(0, 2));
        assertThat(firstPage.hasMore()).contains(true);
        assertThat(all).containsExactlyElementsOf(newestFirst);
        assertThat(client.files().list(FileListParams.builder().after(newestFirst.get(3)).build()).data())
                .extracting(FileObject::id).containsExactly(newestFirst.get(4));
        assertThat(client.files().list(FileListParams.builder().limit(5).build()).hasMore()).contains(false);
        assertThat(client.files().list(FileListParams.builder().purpose("batch").build()).data()).hasSize(5);
        assertThat(client.files().list(FileListParams.builder().purpose("batch_output").build()).data()).isEmpty();
    }

    @Test
    void aUserSeesOnlyTheirOwnFilesAndAnotherUsersIdIsNotFound() throws Exception {
        String ownerKey = newUserKey("files-owner");
        String otherKey = newUserKey("files-other");
        FileObject file = client(ownerKey).files().create(FileCreateParams.builder()
                .file(LINES.getBytes(StandardCharsets.UTF_8)).purpose(FilePurpose.BATCH).build());
        OpenAIClient other = client(otherKey);

        assertThat(other.files().list().data()).isEmpty();
        assertThatThrownBy(() -> other.files().retrieve(file.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> download(other, file.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> other.files().delete(file.id())).isInstanceOf(NotFoundException.class);
        assertThat(client(ownerKey).files().retrieve(file.id())).isEqualTo(file);

        FilesHttp http = new FilesHttp(gateway.baseUrl());
        String missing = "file-" + "0".repeat(24);
        for (String suffix : List.of("", "/content")) {
            var foreign = http.get(otherKey, "/v1/files/" + file.id() + suffix);
            var absent = http.get(otherKey, "/v1/files/" + missing + suffix);
            assertThat(foreign.statusCode()).isEqualTo(absent.statusCode()).isEqualTo(404);
            assertThat(foreign.body().replace(file.id(), "ID")).isEqualTo(absent.body().replace(missing, "ID"));
            assertThat(FilesHttp.error(foreign).path("code").asText()).isEqualTo("file_not_found");
        }
        var foreignDelete = http.delete(otherKey, "/v1/files/" + file.id());
        assertThat(foreignDelete.body().replace(file.id(), "ID"))
                .isEqualTo(http.delete(otherKey, "/v1/files/" + missing).body().replace(missing, "ID"));
    }

    private static String download(OpenAIClient client, String fileId) throws IOException {
        try (HttpResponse response = client.files().content(fileId); InputStream body = response.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String newUserKey(String userId) {
        return gateway.keyFor(userId, List.of(), "example.org");
    }

    private static OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder().apiKey(key).baseUrl(gateway.baseUrl() + "/v1").maxRetries(0).build();
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
