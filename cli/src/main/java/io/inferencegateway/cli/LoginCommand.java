package io.inferencegateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.cli.client.ClientConfig;
import io.inferencegateway.cli.client.ConfigFile;
import io.inferencegateway.cli.client.ExitCodes;
import io.inferencegateway.cli.client.GatewayClient;
import io.inferencegateway.cli.client.GatewayException;
import io.inferencegateway.cli.client.Terminal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code igw login}: checks a gateway and key, then stores them for the other commands. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Checks the gateway and API key (GET /resource_server/whoami) and stores both in igw's "
                + "config file (~/.config/igw/config, or IGW_CONFIG), created readable by you only (0600).",
                "The key is asked for without echo on a terminal, else read from stdin's first line "
                        + "(echo \"$KEY\" | igw login --base-url URL); --api-key puts it in your shell history.",
                "Nothing is stored when the gateway refuses the key (exit 3) or cannot be reached (exit 4)."})
final class LoginCommand implements Callable<Integer> {

    @Option(names = "--base-url", required = true, paramLabel = "URL",
            description = "The gateway, e.g. http://127.0.0.1:8080 (a trailing /v1 is dropped).")
    String baseUrl;

    @Option(names = "--api-key", paramLabel = "KEY", description = "The API key (igw-...); default: asked for.")
    String apiKey;

    @Option(names = "--json", description = "Print the gateway's whoami answer as it is.")
    boolean json;

    @Override
    public Integer call() {
        URI base = ClientConfig.baseUrl(baseUrl);
        String key = apiKey != null ? apiKey.strip() : readKey();
        if (key.isEmpty()) {
            throw GatewayException.usage("no API key given");
        }
        String whoami = new GatewayClient(new ClientConfig(base, key)).get("/resource_server/whoami");
        ConfigFile file = ConfigFile.locate(System::getenv);
        file.write(new ConfigFile.Values(base.toString(), key));
        if (json) {
            System.out.println(whoami);
        } else {
            JsonNode user = GatewayClient.parse(whoami);
            String name = user.path("username").asText("");
            System.out.println("Logged in to " + base + " as " + (name.isEmpty() ? user.path("id").asText("?") : name)
                    + "; saved in " + file.path());
        }
        return ExitCodes.OK;
    }

    private static String readKey() {
        if (Terminal.isTerminal()) {
            char[] typed = System.console().readPassword("API key: ");
            return typed == null ? "" : new String(typed).strip();
        }
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? "" : line.strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key from stdin: " + e.getMessage(), e);
        }
    }
}
