package io.inferencegateway.bench;

import java.nio.charset.StandardCharsets;

/**
 * The bytes around a file in a {@code multipart/form-data} upload of OpenAI's shape: a {@code purpose} field, then
 * the {@code file} part, whose content is sent between {@link #head()} and {@link #tail()} straight from disk.
 */
record Multipart(String boundary, String purpose, String filename) {

    static Multipart of(String boundary, String purpose, String filename) {
        return new Multipart(boundary, purpose, filename);
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    byte[] head() {
        return ("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"purpose\"\r\n\r\n"
                + purpose + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    byte[] tail() {
        return ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
