package io.inferencegateway.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The peer row (issue 20): Portkey's open-source AI gateway, a gateway users pick instead of ours, installed from npm
 * at a pinned version into the run directory and run by node as a process of its own, forwarding to the same
 * zero-latency backend as the gateway. Its row shows the gap to a peer beside the gap to direct.
 */
final class PortkeyPeer implements AutoCloseable {

    static final String PACKAGE = "@portkey-ai/gateway";
    /** Pinned, so that runs compare like with like; {@code npm view @portkey-ai/gateway version} names the newest. */
    static final String VERSION = "1.15.2";
    static final String LABEL = "Portkey " + VERSION + " (peer)";

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(1);
    private static final Pattern READY = Pattern.compile("Ready for connections");

    /** Why the peer cannot run here, in words for the report. */
    static final class Unavailable extends Exception {
        Unavailable(String reason) {
            super(reason);
        }
    }

    private final Process node;
    private final ProcessOutput output;
    private final String url;
    private final Map<String, String> headers;

    private PortkeyPeer(Process node, ProcessOutput output, String url, Map<String, String> headers) {
        this.node = node;
        this.output = output;
        this.url = url;
        this.headers = headers;
    }

    /**
     * Installs the package under {@code directory}, starts it and waits until it is ready.
     *
     * @param backendBaseUrl the backend's OpenAI base URL, ending in {@code /v1}
     */
    static PortkeyPeer start(Path directory, String backendBaseUrl, ChildProcesses tools) throws Unavailable {
        for (String program : List.of("npm", "node")) {
            if (!BenchMain.onPath(program)) {
                throw new Unavailable(program + " is not installed (not on PATH)");
            }
        }
        install(directory, tools);
        int port = freePort();
        Path server = directory.resolve("node_modules").resolve(PACKAGE).resolve("build/start-server.js");
        ProcessBuilder builder = new ProcessBuilder("node", server.toString(), "--port=" + port, "--headless")
                .redirectErrorStream(true);
        // As it is deployed: without the development console and its stream of every request's log.
        builder.environment().put("NODE_ENV", "production");
        Process node;
        try {
            node = builder.start();
        } catch (IOException e) {
            throw new Unavailable("node could not start it: " + e.getMessage());
        }
        ProcessOutput output = ProcessOutput.drain(node, directory.resolve("portkey.log"), READY, "portkey");
        PortkeyPeer peer = new PortkeyPeer(node, output, "http://127.0.0.1:" + port + "/v1/chat/completions",
                Map.of("x-portkey-provider", "openai", "x-portkey-custom-host", backendBaseUrl));
        try {
            output.ready().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return peer;
        } catch (ExecutionException | TimeoutException e) {
            peer.close();
            throw new Unavailable("it did not start within " + Durations.human(START_TIMEOUT) + ": "
                    + lastLine(output.tail()));
        } catch (InterruptedException e) {
            peer.close();
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while it started");
        }
    }

    private static void install(Path directory, ChildProcesses tools) throws Unavailable {
        // --ignore-scripts: the package's one install script (patch-package) has no patches to apply in what npm
        // ships, and skipping it keeps the install from running code. --prefer-offline: npm's cache serves reruns.
        List<String> command = new ArrayList<>(List.of("npm", "install", "--prefix", directory.toString(),
                "--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline", "--loglevel=error",
                PACKAGE + "@" + VERSION));
        Process npm;
        try {
            npm = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new Unavailable("npm could not start: " + e.getMessage());
        }
        try (var registered = tools.register(npm)) {
            // Drained on its own thread, so a full pipe cannot stall npm while we wait with a deadline.
            CompletableFuture<String> printed = new CompletableFuture<>();
            Thread.ofVirtual().name("npm-output").start(() -> printed.complete(readAll(npm)));
            if (!npm.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new Unavailable("npm install " + PACKAGE + "@" + VERSION + " did not finish within "
                        + Durations.human(INSTALL_TIMEOUT));
            }
            if (npm.exitValue() != 0) {
                throw new Unavailable("npm install " + PACKAGE + "@" + VERSION + " failed (exit " + npm.exitValue()
                        + "): " + lastLine(printed.join()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while npm installed it");
        }
    }

    /** One chat request through it, so that a misrouted peer is reported, not measured as fast errors. */
    void check(HttpClient client, String apiKey) throws Unavailable {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(BenchModels.chatBody(BenchModels.FAST)));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new Unavailable("it answered " + response.statusCode() + ": " + lastLine(response.body()));
            }
        } catch (IOException e) {
            throw new Unavailable("it did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while checking it");
        }
    }

    /** Its chat completions URL. */
    String url() {
        return url;
    }

    /** The headers that route a request through it to the backend. */
    Map<String, String> headers() {
        return headers;
    }

    long pid() {
        return node.pid();
    }

    /** Stops node (SIGTERM, then SIGKILL); safe to call more than once. */
    @Override
    public void close() {
        ChildProcesses.stop(node);
        try {
            output.awaitEnd();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws Unavailable {
        // Portkey takes its port from --port only; one just released on loopback is free for the moment it needs.
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new Unavailable("no free port: " + e.getMessage());
        }
    }

    /** Everything the process printed, or what could be read of it. */
    private static String readAll(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(its output could not be read: " + e.getMessage() + ")";
        }
    }

    /** The last non-blank line, shortened: what a report row can hold of a tool's complaint. */
    static String lastLine(String text) {
        String last = text.strip().lines().filter(line -> !line.isBlank()).reduce((a, b) -> b).orElse("(no output)")
                .strip();
        return last.length() <= 200 ? last : last.substring(0, 200) + "…";
    }
}
