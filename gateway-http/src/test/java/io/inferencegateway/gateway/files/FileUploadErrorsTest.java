package io.inferencegateway.gateway.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.gateway.GatewayFixture;
import io.inferencegateway.persistence.Sql;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way an upload or a file request can be wrong gets a clear 4xx, and a refused upload leaves no row. */
class FileUploadErrorsTest {

    private static final String USER = "files-errors";
    private static final String LINE = "{\"custom_id\": \"a\"}\n";

    private static GatewayFixture gateway;
    private static FilesHttp http;
    private static String key;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start();
        http = new FilesHttp(gateway.baseUrl());
        key = gateway.keyFor(USER, List.of(), "example.org");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aPurposeOtherThanBatchIsRefusedNamingPurpose() throws Exception {
        var known = http.upload(key, new FilesHttp.Form().field("purpose", "assistants").file("a.jsonl", LINE));
        var unknown = http.upload(key, new FilesHttp.Form().field("purpose", "nonsense").file("a.jsonl", LINE));

        assertRefused(known, 400, "purpose", "'purpose' must be 'batch', got 'assistants'");
        assertRefused(unknown, 400, "purpose", "expected 'batch', got 'nonsense'");
    }

    /** The SDK sends the file before the purpose: the file is read, then refused, and nothing is kept. */
    @Test
    void aWrongPurposeAfterTheFileLeavesNothing() throws Exception {
        var response = http.upload(key, new FilesHttp.Form().file("a.jsonl", LINE.repeat(1000))
                .field("purpose", "fine-tune"));

        assertRefused(response, 400, "purpose", "'purpose' must be 'batch'");
        assertThat(rowsOf(USER)).isZero();
    }

    @Test
    void missingFieldsAreNamed() throws Exception {
        assertRefused(http.upload(key, new FilesHttp.Form().file("a.jsonl", LINE)), 400, "purpose",
                "Missing required parameter: 'purpose'.");
        assertRefused(http.upload(key, new FilesHttp.Form().field("purpose", "batch")), 400, "file",
                "Missing required parameter: 'file'.");
        assertRefused(http.upload(key, new FilesHttp.Form()), 400, "purpose", "Missing required parameter");
        assertThat(rowsOf(USER)).isZero();
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        assertRefused(http.upload(key, new FilesHttp.Form().field("purpose", "batch").file("empty.jsonl", "")), 400,
                "file", "The uploaded file is empty.");
    }

    @Test
    void moreThan50000LinesIsRefusedAndLeavesNothing() throws Exception {
        var tooMany = http.upload(key, new FilesHttp.Form().field("purpose", "batch")
                .file("many.jsonl", LINE.repeat(50_001)));

        assertRefused(tooMany, 400, "file", "The file has more than 50,000 lines.");
        assertThat(FilesHttp.error(tooMany).path("code").asText()).isEqualTo("too_many_lines");
        assertThat(rowsOf(USER)).isZero();
    }

    @Test
    void exactly50000LinesIsAccepted() throws Exception {
        String user = "files-errors-exact";
        var accepted = http.upload(gateway.keyFor(user, List.of(), "example.org"), new FilesHttp.Form()
                .field("purpose", "batch").file("exact.jsonl", LINE.repeat(49_999) + LINE.strip()));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(FilesHttp.json(accepted).path("bytes").asLong()).isEqualTo(LINE.length() * 50_000L - 1);
        assertThat(lineCount(FilesHttp.json(accepted).path("id").asText())).isEqualTo(50_000);
    }

    /** Issue 18: a CSV or a PDF uploaded for batches is refused at upload, naming the line, and leaves nothing. */
    @ParameterizedTest
    @ValueSource(strings = {"id,prompt\n1,hello\n", "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n", "[{\"custom_id\": \"a\"}]\n",
            "{\"custom_id\": \"a\"}\n{\"prompt\": \"no id\"}\n", "{\"messages\": [] }\n"})
    void aFileWhoseFirstLinesAreNotBatchRequestsIsRefusedAtUpload(String content) throws Exception {
        long before = rowsOf(USER);

        var response = http.upload(key, new FilesHttp.Form().field("purpose", "batch").file("input.jsonl", content));

        assertRefused(response, 400, "file", "is not a batch request");
        assertThat(FilesHttp.error(response).path("code").asText()).isEqualTo("invalid_file_format");
        assertThat(rowsOf(USER)).isEqualTo(before);
    }

    @Test
    void aByteOrderMarkAndALongFirstLineAreFine() throws Exception {
        String longLine = "{\"custom_id\": \"a\", \"body\": {\"input\": \"" + "x".repeat(100_000) + "\"}}\n";
        String other = gateway.keyFor("files-errors-fine", List.of(), "example.org");

        assertThat(http.upload(other, new FilesHttp.Form().field("purpose", "batch")
                .file("bom.jsonl", "\uFEFF" + LINE)).statusCode()).isEqualTo(200);
        assertThat(http.upload(other, new FilesHttp.Form().field("purpose", "batch")
                .file("long.jsonl", longLine)).statusCode()).isEqualTo(200);
    }

    @Test
    void secondFilesAndUnknownFieldsAreRefused() throws Exception {
        assertRefused(http.upload(key, new FilesHttp.Form().field("purpose", "batch").file("a.jsonl", LINE)
                .file("b.jsonl", LINE)), 400, "file", "one 'file' per request");
        assertRefused(http.upload(key, new FilesHttp.Form().field("purpose", "batch").file("a.jsonl", LINE)
                .field("purpose", "batch")), 400, "purpose", "more than once");
        assertRefused(http.upload(key, new FilesHttp.Form().field("purpose", "batch").field("colour", "blue")
                .file("a.jsonl", LINE)), 400, "colour", "Unrecognized request argument supplied: 'colour'.");
        assertRefused(http.upload(key, new FilesHttp.Form().field("purpose", "batch").file("a.jsonl", LINE)
                .field("expires_after[anchor]", "created_at")), 400, "expires_after", "not supported");
        assertThat(rowsOf(USER)).isZero();
    }

    @Test
    void aBodyThatIsNotAFormIsRefused() throws Exception {
        var json = http.send(key, "application/json", HttpRequest.BodyPublishers.ofString("{\"purpose\":\"batch\"}"));
        var noBoundary = http.send(key, "multipart/form-data", HttpRequest.BodyPublishers.ofString("x"));
        var broken = http.send(key, "multipart/form-data; boundary=" + FilesHttp.BOUNDARY,
                HttpRequest.BodyPublishers.ofString("--" + FilesHttp.BOUNDARY + "\r\nContent-Disposition: form-data; "
                        + "name=\"purpose\"\r\n\r\nbatch\r\n--" + FilesHttp.BOUNDARY + "\r\nContent-Disposition: "
                        + "form-data; name=\"file\"; filename=\"a.jsonl\"\r\n\r\n{}\n{}\n"));

        var mixed = http.send(key, "multipart/mixed; boundary=" + FilesHttp.BOUNDARY,
                HttpRequest.BodyPublishers.ofByteArray(new FilesHttp.Form().field("purpose", "batch")
                        .file("a.jsonl", LINE).bytes()));
        var cutInHeaders = http.send(key, "multipart/form-data; boundary=" + FilesHttp.BOUNDARY,
                HttpRequest.BodyPublishers.ofString("--" + FilesHttp.BOUNDARY + "\r\nContent-Disposition: form-data; "
                        + "name=\"purpose\"\r\n"));
        // The parser takes what follows a boundary other than a line break or "--" as the end of the form.
        var junkAfterBoundary = http.send(key, "multipart/form-data; boundary=" + FilesHttp.BOUNDARY,
                HttpRequest.BodyPublishers.ofString("--" + FilesHttp.BOUNDARY + "\r\nContent-Disposition: form-data; "
                        + "name=\"purpose\"\r\n\r\nbatch\r\n--" + FilesHttp.BOUNDARY + "junk\r\n\r\nx\r\n--"
                        + FilesHttp.BOUNDARY + "--\r\n"));

        assertRefused(json, 415, null, "multipart/form-data");
        assertRefused(noBoundary, 415, null, "multipart/form-data");
        assertRefused(mixed, 415, null, "multipart/form-data");
        for (var malformed : List.of(broken, cutInHeaders)) {
            assertRefused(malformed, 400, null, "not a well-formed multipart/form-data form");
            assertThat(FilesHttp.error(malformed).path("code").asText()).isEqualTo("invalid_multipart");
        }
        assertRefused(junkAfterBoundary, 400, "file", "Missing required parameter: 'file'.");
        assertThat(rowsOf(USER)).isZero();
    }

    /** The parser reports a header section over 10 KiB with its size exception: still a malformed form, not a 413. */
    @Test
    void aPartWithEndlessHeadersIsMalformedNotTooLarge() throws Exception {
        var response = http.upload(key, new FilesHttp.Form().field("purpose", "batch")
                .part("Content-Disposition: form-data; name=\"file\"; filename=\"a.jsonl\"\r\nX-Padding: "
                        + "p".repeat(11 * 1024), LINE.getBytes(StandardCharsets.UTF_8)));

        assertRefused(response, 400, null, "Header section has more than");
        assertThat(FilesHttp.error(response).path("code").asText()).isEqualTo("invalid_multipart");
        assertThat(rowsOf(USER)).isZero();
    }

    @Test
    void aPurposeLongerThan1KiBIsRefused() throws Exception {
        var response = http.upload(key, new FilesHttp.Form().field("purpose", "batch" + " ".repeat(1024))
                .file("a.jsonl", LINE));

        assertRefused(response, 400, null, "The form field 'purpose' is longer than 1024 bytes.");
    }

    /** A file part that announces its own length over the limit is refused by the parser before it is read. */
    @Test
    void aFilePartDeclaringMoreThanTheLimitIsRefusedAt413() throws Exception {
        var response = http.upload(key, new FilesHttp.Form().field("purpose", "batch")
                .part("Content-Disposition: form-data; name=\"file\"; filename=\"a.jsonl\"\r\nContent-Length: "
                        + (200L * 1024 * 1024 + 1), LINE.getBytes(StandardCharsets.UTF_8)));

        assertRefused(response, 413, "file", "The file exceeds the 200 MB limit.");
        assertThat(FilesHttp.error(response).path("code").asText()).isEqualTo("file_too_large");
        assertThat(rowsOf(USER)).isZero();
    }

    /** The parser skips a part with no field name (or not form-data) rather than refusing the form. */
    @Test
    void partsWithoutAFieldNameAreSkipped() throws Exception {
        String user = "files-errors-nameless";
        var response = http.upload(gateway.keyFor(user, List.of(), "example.org"), new FilesHttp.Form()
                .part("Content-Disposition: form-data", "ignored".getBytes(StandardCharsets.UTF_8))
                .part("Content-Disposition: attachment; name=\"colour\"", "blue".getBytes(StandardCharsets.UTF_8))
                .field("purpose", "batch").file("a.jsonl", LINE));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(FilesHttp.json(response).path("bytes").asLong()).isEqualTo(LINE.length());
        assertThat(rowsOf(user)).isOne();
    }

    @Test
    void withoutAKeyNothingIsRead() throws Exception {
        var response = http.send(null, "multipart/form-data; boundary=" + FilesHttp.BOUNDARY,
                HttpRequest.BodyPublishers.ofByteArray(new FilesHttp.Form().field("purpose", "batch")
                        .file("a.jsonl", LINE).bytes()));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    /** The announced length alone is enough to refuse, before a byte of the body is read. */
    @Test
    void aDeclaredLengthOverTheLimitIsRefusedAt413() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", gateway.app.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/files HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=" + FilesHttp.BOUNDARY + "\r\n"
                    + "Content-Length: " + (300L * 1024 * 1024) + "\r\n\r\n--" + FilesHttp.BOUNDARY + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = readResponse(socket.getInputStream());

            assertThat(response).startsWith("HTTP/1.1 413");
            assertThat(response).contains("\"code\":\"file_too_large\"")
                    .contains("exceeds the 200 MB limit for uploaded files");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope", "file-", "file-abc%00def", "file-%27%3B%20DROP%20TABLE%20files", "batch_123",
            "file-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "%E2%9C%93"})
    void malformedIdsAreRefusedNeverAServerError(String id) throws Exception {
        // Jetty answers a NUL in the path with a 400 and then closes the connection without saying so
        // (no "Connection: close"); a client that reuses that connection can race the close. Each request here
        // gets its own client, so the test checks the answers, not that race.
        for (var response : List.of(new FilesHttp(gateway.baseUrl()).get(key, "/v1/files/" + id),
                new FilesHttp(gateway.baseUrl()).get(key, "/v1/files/" + id + "/content"),
                new FilesHttp(gateway.baseUrl()).delete(key, "/v1/files/" + id))) {
            // Jetty itself answers 400 to a NUL in the path before any route sees it.
            assertThat(response.statusCode()).as(response.body()).isIn(400, 404);
            if (response.statusCode() == 404) {
                assertThat(FilesHttp.error(response).path("code").asText()).isEqualTo("file_not_found");
            }
        }
    }

    @Test
    void listParametersAreChecked() throws Exception {
        assertRefused(http.get(key, "/v1/files?limit=0"), 400, "limit", "from 1 to 10000");
        assertRefused(http.get(key, "/v1/files?limit=10001"), 400, "limit", "from 1 to 10000");
        assertRefused(http.get(key, "/v1/files?limit=ten"), 400, "limit", "from 1 to 10000");
        assertRefused(http.get(key, "/v1/files?after=somewhere"), 400, "after", "id of a file");
        assertRefused(http.get(key, "/v1/files?purpose=nonsense"), 400, "purpose", "expected one of");
        assertRefused(http.get(key, "/v1/files?order=asc"), 400, "order", "newest first");
        assertThat(http.get(key, "/v1/files?limit=10000&order=desc&purpose=assistants").statusCode()).isEqualTo(200);
        assertThat(FilesHttp.json(http.get(key, "/v1/files?after=file-unknown")).path("data")).isEmpty();
    }

    private static void assertRefused(HttpResponse<String> response, int status, String param, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = FilesHttp.error(response);
        assertThat(error.path("message").asText()).contains(message);
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        if (param == null) {
            assertThat(error.path("param").isNull()).isTrue();
        } else {
            assertThat(error.path("param").asText()).isEqualTo(param);
        }
    }

    private static long rowsOf(String user) {
        return count("SELECT count(*) FROM files WHERE user_id = ?", user);
    }

    private static long lineCount(String fileId) {
        return count("SELECT line_count FROM files WHERE id = ?", fileId);
    }

    private static long count(String sql, String parameter) {
        return Sql.withConnection(gateway.app.database().dataSource(), connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setString(1, parameter);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    /** A whole HTTP/1.1 response with a Content-Length body. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int length = headers.lines().filter(line -> line.toLowerCase().startsWith("content-length:"))
                .map(line -> Integer.parseInt(line.substring(15).strip())).findFirst().orElse(0);
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
