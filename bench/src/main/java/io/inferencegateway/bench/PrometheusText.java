package io.inferencegateway.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads values from a Prometheus text exposition, as a scrape does: enough for the benchmark's samplers. */
final class PrometheusText {

    private PrometheusText() {
    }

    /** The sum of {@code metric}'s samples over all their labels; NaN when it has none. */
    static double sum(String text, String metric) {
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.startsWith(metric) && line.length() > metric.length()
                    && (line.charAt(metric.length()) == '{' || line.charAt(metric.length()) == ' ')) {
                String value = line.substring(line.lastIndexOf(' ') + 1).trim();
                try {
                    sum += Double.parseDouble(value);
                    found = true;
                } catch (NumberFormatException e) {
                    // Not a sample line after all (e.g. a timestamped one we do not use).
                }
            }
        }
        return found ? sum : Double.NaN;
    }

    /** The sum of {@code metric}'s samples whose labels include {@code label="value"}; NaN when none does. */
    static double sum(String text, String metric, String label, String value) {
        StringBuilder matching = new StringBuilder();
        String pair = label + "=\"" + value + "\"";
        for (String line : text.split("\n")) {
            if (line.startsWith(metric + "{") && line.substring(0, line.indexOf('}') + 1).contains(pair)) {
                matching.append(line).append('\n');
            }
        }
        return sum(matching.toString(), metric);
    }

    /** GET {@code url}; empty text when it does not answer 200 (a sampler records a gap, not a failure). */
    static String scrape(HttpClient client, String url) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
