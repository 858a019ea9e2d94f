package io.inferencegateway.cli.client;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.UUID;

/** A {@code multipart/form-data} body of one field and one file, the file streamed from disk as it is sent. */
final class Multipart {

    private final String boundary = "igw-" + UUID.randomUUID();
    private final String head;
    private final String tail;

    private Multipart(String purpose, String filename) {
        String name = filename.replace("\"", "%22").replace("\r", "").replace("\n", "");
        this.head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n" + purpose
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/jsonl\r\n\r\n";
        this.tail = "\r\n--" + boundary + "--\r\n";
    }

    static Multipart withPurposeAndFile(String purpose, String filename) {
        return new Multipart(purpose, filename);
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    HttpRequest.BodyPublisher body(Path file) {
        try {
            return HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head),
                    HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofString(tail));
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }
}
