package io.inferencegateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.cli.client.ClientOptions;
import io.inferencegateway.cli.client.ExitCodes;
import io.inferencegateway.cli.client.GatewayClient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code igw chat MODEL "prompt"}: the answer printed token by token as the gateway streams it. */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {"Sends one prompt to a model (POST /v1/chat/completions with stream: true) and prints the "
                + "answer as it streams in.",
                "--json prints each event's JSON as it comes, one per line. An error in the stream is printed on "
                        + "stderr (exit 1)."})
final class ChatCommand implements Callable<Integer> {

    static final String DATA = "data:";

    @Mixin
    ClientOptions options;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model, as 'igw models' lists it.")
    String model;

    @Parameters(index = "1", paramLabel = "PROMPT", description = "What to ask.")
    String prompt;

    @Option(names = "--system", paramLabel = "TEXT", description = "A system message before the prompt.")
    String system;

    @Option(names = "--max-tokens", paramLabel = "N", description = "The most tokens to generate.")
    Integer maxTokens;

    @Override
    public Integer call() {
        List<Map<String, String>> messages = new ArrayList<>();
        if (system != null) {
            messages.add(Map.of("role", "system", "content", system));
        }
        messages.add(Map.of("role", "user", "content", prompt));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("messages", messages);
        body.put("stream", true);
        if (maxTokens != null) {
            body.put("max_tokens", maxTokens);
        }
        PrintStream out = System.out;
        String error = null;
        try (Stream<String> lines = options.client().streamLines("/v1/chat/completions", body)) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (!line.startsWith(DATA)) {
                    continue;
                }
                String data = line.substring(DATA.length()).strip();
                if (data.equals("[DONE]")) {
                    break;
                }
                JsonNode event = GatewayClient.parse(data);
                if (event.has("error")) {
                    error = event.path("error").path("message").asText("the stream ended with an error");
                }
                if (options.json) {
                    out.println(data);
                } else {
                    out.print(event.path("choices").path(0).path("delta").path("content").asText(""));
                }
                out.flush();
            }
        }
        if (!options.json) {
            out.println();
        }
        if (error != null) {
            System.err.println("igw: " + error);
            return ExitCodes.GATEWAY_ERROR;
        }
        return ExitCodes.OK;
    }
}
