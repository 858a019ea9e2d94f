package io.inferencegateway.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a gateway's SSE answer line by line, as a client does, so tests can act between events. */
final class SseClient implements AutoCloseable {

    final HttpResponse<InputStream> response;
    private final BufferedReader reader;

    SseClient(URI uri, String key, String body) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        response = client.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
        reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    /** The next event's data, or null at the end of the stream. Comments (heartbeats) are skipped. */
    String nextData() throws IOException {
        StringBuilder data = null;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isEmpty()) {
                if (data != null) {
                    return data.toString();
                }
            } else if (line.startsWith("data: ")) {
                data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
            }
        }
        return data == null ? null : data.toString();
    }

    List<String> remaining() throws IOException {
        List<String> events = new ArrayList<>();
        for (String data = nextData(); data != null; data = nextData()) {
            events.add(data);
        }
        return events;
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
