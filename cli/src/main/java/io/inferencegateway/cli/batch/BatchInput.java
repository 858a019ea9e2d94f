package io.inferencegateway.cli.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.cli.client.GatewayClient;
import io.inferencegateway.cli.client.GatewayException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A batch input file made ready for upload. With {@code --model M}, a line without {@code body.model} gets M; a
 * line that names another model stops the submit (the line number said), unless {@code --override-model} asks for
 * every line to run on M. Lines that need nothing are sent byte for byte, and the user's file is uploaded as it is
 * unless a line changed (then a rewritten copy in the temporary directory). The endpoint is the first line's
 * {@code url}.
 *
 * @param file        what to upload: the user's file, or the rewritten copy
 * @param temporary   whether {@code file} is igw's copy, to delete after the upload
 * @param lines       non-blank lines
 * @param rewritten   lines given the model
 * @param endpoint    the first line's {@code url}, null when it has none
 */
record BatchInput(Path file, boolean temporary, long lines, long rewritten, String endpoint) {

    static BatchInput prepare(Path source, String model, boolean overrideModel) {
        if (!Files.isRegularFile(source) || !Files.isReadable(source)) {
            throw GatewayException.usage("no readable file " + source);
        }
        try {
            Path copy = Files.createTempFile("igw-batch-", ".jsonl");
            try {
                BatchInput prepared = rewrite(source, copy, model, overrideModel);
                if (prepared.rewritten() == 0) {
                    Files.delete(copy);
                    return new BatchInput(source, false, prepared.lines(), 0, prepared.endpoint());
                }
                return prepared;
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(copy);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + source + ": " + e.getMessage(), e);
        }
    }

    private static BatchInput rewrite(Path source, Path copy, String model, boolean overrideModel)
            throws IOException {
        long lines = 0;
        long rewritten = 0;
        long number = 0;
        String endpoint = null;
        try (BufferedReader in = Files.newBufferedReader(source, StandardCharsets.UTF_8);
             BufferedWriter out = Files.newBufferedWriter(copy, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                String written = line;
                JsonNode request = parse(line, number, source);
                if (lines == 1 && request.path("url").isTextual()) {
                    endpoint = request.path("url").asText();
                }
                if (model != null && needsModel(request, model, overrideModel, number)) {
                    ((ObjectNode) request.path("body")).put("model", model);
                    written = request.toString();
                    rewritten++;
                }
                out.write(written);
                out.write('\n');
            }
        }
        return new BatchInput(copy, true, lines, rewritten, endpoint);
    }

    private static JsonNode parse(String line, long number, Path source) {
        JsonNode request;
        try {
            request = GatewayClient.JSON.readTree(line);
        } catch (IOException e) {
            throw GatewayException.usage(source + " line " + number + " is not JSON");
        }
        if (request == null || !request.isObject() || !request.path("body").isObject()) {
            throw GatewayException.usage(source + " line " + number + " is not a batch request: an object with a "
                    + "'body' object");
        }
        return request;
    }

    private static boolean needsModel(JsonNode request, String model, boolean overrideModel, long number) {
        JsonNode named = request.path("body").path("model");
        if (!named.isTextual() || named.asText().isBlank()) {
            return true;
        }
        if (named.asText().equals(model)) {
            return false;
        }
        if (overrideModel) {
            return true;
        }
        throw GatewayException.usage("line " + number + " names model '" + named.asText() + "', not '" + model
                + "': pass --override-model to run every line on " + model + ", or leave out --model");
    }

    /** Deletes igw's copy, if it made one. */
    void cleanUp() {
        if (temporary) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A file in the temporary directory: the system removes it in time.
            }
        }
    }
}
