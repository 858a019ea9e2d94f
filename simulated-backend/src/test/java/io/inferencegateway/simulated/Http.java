package io.inferencegateway.simulated;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A test client for the simulated backend: plain JSON calls and Server-Sent Events read one at a time. */
final class Http {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;

    Http(SimulatedBackendServer server) {
        this.baseUrl = "http://127.0.0.1:" + server.port();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return client.send(request(path, body), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<InputStream> postForStream(String path, String body) throws IOException, InterruptedException {
        return client.send(request(path, body), HttpResponse.BodyHandlers.ofInputStream());
    }

    private HttpRequest request(String path, String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** Reads SSE events from a response body as they arrive. */
    static final class Events implements AutoCloseable {

        private final BufferedReader reader;

        Events(InputStream body) {
            this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        }

        /** The next event's data, or null at the end of the body. Blocks until the whole event has arrived. */
        String next() throws IOException {
            StringBuilder data = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        return data.toString();
                    }
                } else if (line.startsWith("data: ")) {
                    data = data == null ? new StringBuilder() : data.append('\n');
                    data.append(line.substring("data: ".length()));
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
