package io.inferencegateway.gateway.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.gateway.GatewayFixture;
import io.inferencegateway.persistence.Sql;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Uploads that send a megabyte and then stall hold no database connection: another user's requests, including
 * authentication (uncached here) and uploads of their own, go on as if nobody uploaded; and one user can have only a
 * couple of uploads under way at once. (Before, 18 such uploads held every connection of the gateway's pool
 * "idle in transaction", and everything else failed until they ended.)
 */
@Timeout(120)
class SlowUploadsTest {

    private static final String LINE = "{\"custom_id\": \"slow\", \"method\": \"POST\", \"url\": \"/v1/chat/completions\", "
            + "\"body\": {\"model\": \"m\", \"messages\": []}}\n";

    private static GatewayFixture gateway;
    private static FilesHttp http;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start();
        http = new FilesHttp(gateway.baseUrl());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void twentyStalledUploadsLeaveEveryoneElseUnharmed() throws Exception {
        List<String> slowKeys = new ArrayList<>();
        for (int user = 0; user < 10; user++) {
            slowKeys.add(gateway.keyFor("slow-" + user, List.of(), "example.org"));
        }
        String other = gateway.keyFor("other-user", List.of(), "example.org");
        List<StalledUpload> stalled = new ArrayList<>();
        try {
            for (String key : slowKeys) {
                stalled.add(StalledUpload.open(gateway.uri("/v1/files"), key));
                stalled.add(StalledUpload.open(gateway.uri("/v1/files"), key));
            }
            for (int round = 0; round < 5; round++) {
                stalled.forEach(StalledUpload::trickle);
                assertThat(http.get(other, "/v1/files").statusCode()).isEqualTo(200);
                assertThat(gateway.get("/v1/models", "Bearer " + other).statusCode()).isEqualTo(200);
                HttpResponse<String> upload = http.upload(other, new FilesHttp.Form().field("purpose", "batch")
                        .file("mine.jsonl", LINE.repeat(50)));
                assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
            }
            assertThat(idleInTransaction()).as("connections held open by uploads").isZero();

            // A third upload of a user with two under way is refused at once, before its body is read.
            HttpResponse<String> third = http.upload(slowKeys.get(0), new FilesHttp.Form().field("purpose", "batch")
                    .file("third.jsonl", LINE));
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(FilesHttp.error(third).path("code").asText()).isEqualTo("too_many_uploads");
            assertThat(third.headers().firstValue("Retry-After")).isPresent();
        } finally {
            stalled.forEach(StalledUpload::close);
        }
    }

    private static int idleInTransaction() {
        return Sql.withConnection(gateway.app().database().dataSource(), connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND state = 'idle in transaction'");
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }

    /** A raw upload that sends its headers and a little over a megabyte of its file, then a byte now and then. */
    private record StalledUpload(Socket socket, OutputStream out) {

        static StalledUpload open(URI uri, String key) {
            try {
                Socket socket = new Socket(uri.getHost(), uri.getPort());
                OutputStream out = socket.getOutputStream();
                byte[] start = ("--" + FilesHttp.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"purpose\""
                        + "\r\n\r\nbatch\r\n--" + FilesHttp.BOUNDARY + "\r\nContent-Disposition: form-data; "
                        + "name=\"file\"; filename=\"slow.jsonl\"\r\n\r\n").getBytes(StandardCharsets.UTF_8);
                out.write(("POST /v1/files HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nAuthorization: Bearer " + key
                        + "\r\nContent-Type: multipart/form-data; boundary=" + FilesHttp.BOUNDARY
                        + "\r\nContent-Length: " + (8 * 1024 * 1024) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.write(start);
                byte[] line = LINE.getBytes(StandardCharsets.UTF_8);
                for (int written = 0; written < 1_100_000; written += line.length) {
                    out.write(line);
                }
                out.flush();
                return new StalledUpload(socket, out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        void trickle() {
            try {
                out.write(' ');
                out.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("A stalled upload's connection was closed", e);
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing is all that is left to do.
            }
        }
    }
}
