package io.inferencegateway.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.embedded.EmbeddedAmqpBroker;
import io.inferencegateway.json.Json;
import io.inferencegateway.testsupport.globus.FakeGlobusCompute;
import io.inferencegateway.testsupport.globus.Reply;
import io.inferencegateway.testsupport.globus.Results;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code bin/bench --globus}: interactive chat through one Globus Compute client (issue 17). gateway-http calls a
 * fake Globus Compute in this JVM that enforces the real limit (20 requests per 10 s per client, 429 beyond it) and
 * runs each task for {@link #TASK_TIME}, delivering results over an embedded AMQP broker; wrk sends non-streaming
 * chat at concurrency 64, once with results over AMQP and once with polling alone. Reports requests per second, the
 * service's 429s, and the latency added to the function's own time.
 */
final class GlobusRun {

    static final Duration TASK_TIME = Duration.ofMillis(200);
    static final int CONNECTIONS = 64;
    static final String MODEL = "globus/Llama-3.1-8B-Instruct";

    private static final String CLIENT_ID = "11111111-aaaa-bbbb-cccc-0000000be11c";
    private static final String CLIENT_SECRET = "bench-client-secret";
    private static final String ENDPOINT = "aaaaaaaa-0000-0000-0000-0000000be11c";
    private static final String FUNCTION = "ffffffff-0000-0000-0000-0000000be11c";
    private static final String BODY = "{\"model\": \"" + MODEL + "\", \"messages\": [{\"role\": \"user\", "
            + "\"content\": \"Say hello\"}]}";
    private static final String CHAT = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"" + MODEL
            + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello!\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}";

    /** The open loop's rate: the target throughput, offered by independent users. */
    static final double OPEN_RATE = 100;

    /** One configuration's measurement. */
    record Row(String load, double requestsPerSecond, long errors, double p50Millis, double p99Millis,
               int rateLimited, int submits, int statusCalls, int mostIn10s) {

        static Row of(String load, WrkResult wrk, Counts counts) {
            return new Row(load, wrk.requestsPerSecond(), wrk.errors(), wrk.p50Millis(), wrk.p99Millis(),
                    counts.rateLimited(), counts.submits(), counts.statusCalls(), counts.mostIn10s());
        }

        static Row of(String load, OpenLoad.Result open, Counts counts) {
            return new Row(load, open.requestsPerSecond(), open.errors(), open.percentile(50), open.percentile(99),
                    counts.rateLimited(), counts.submits(), counts.statusCalls(), counts.mostIn10s());
        }
    }

    /** What the fake service saw during one measurement. */
    record Counts(int rateLimited, int submits, int statusCalls, int mostIn10s) {
    }

    private final BenchOptions options;
    private final StackSettings settings;
    private final Consumer<String> progress;

    GlobusRun(BenchOptions options, StackSettings settings, Consumer<String> progress) {
        this.options = options;
        this.settings = settings;
        this.progress = progress;
    }

    Path run(PrintStream out) {
        MachineInfo machine = MachineInfo.collect(options.projectRoot());
        List<Row> rows = new ArrayList<>(measure("amqp"));
        rows.addAll(measure("polling"));
        String markdown = "# Globus Compute through one client\n\nCommit " + machine.commit() + ", " + machine.cores()
                + " cores, " + machine.cpu() + ", JDK " + machine.jdk() + ", load " + MachineInfo.loadAverage() + "\n\n"
                + render(rows);
        out.println(markdown);
        out.flush();
        Path file = ReportWriter.freeFile(options.outputDir(), ReportWriter.fileBase(LocalDate.now(),
                machine.shortCommit(), options.quick()) + "-globus");
        return ReportWriter.write(file, markdown);
    }

    static String render(List<Row> rows) {
        MarkdownTable table = new MarkdownTable("results, load", "requests/s", "429s from the service", "errors",
                "added p50", "added p99", "submits", "status calls", "most calls in 10 s", "target");
        for (Row row : rows) {
            double added = row.p50Millis() - TASK_TIME.toMillis();
            table.row(row.load(), String.format("%.1f", row.requestsPerSecond()), "" + row.rateLimited(),
                    "" + row.errors(), String.format("%.0f ms", added),
                    String.format("%.0f ms", row.p99Millis() - TASK_TIME.toMillis()), "" + row.submits(),
                    "" + row.statusCalls(), row.mostIn10s() + " (limit 20)", target(row, added));
        }
        return "Non-streaming chat through one Globus Compute client; each task runs " + TASK_TIME.toMillis()
                + " ms; the fake service enforces 20 requests per 10 s per client. wrk at c=" + CONNECTIONS
                + " (a closed loop: each connection sends again when answered), then " + (int) OPEN_RATE
                + " requests/s sent at a fixed rate (an open loop). Added = latency minus the task's own "
                + TASK_TIME.toMillis() + " ms.\n\n" + table.render() + "\n\nA closed loop cannot add less than "
                + closedLoopFloorMillis() + " ms, whatever the client does: calls to the service are at least "
                + SUBMIT_SPACING.toMillis() + " ms apart on average (10 s / 20), every answer comes "
                + TASK_TIME.toMillis() + " ms after its submit, and the connection's next request then waits for "
                + "the next submit, so each connection's round is one spacing and its added time the spacing less "
                + "the task.\n";
    }

    /** The average spacing of calls that 20 requests per 10 s allows. */
    static final Duration SUBMIT_SPACING = Duration.ofMillis(10_000 / 20);

    static long closedLoopFloorMillis() {
        return SUBMIT_SPACING.minus(TASK_TIME).toMillis();
    }

    /** The targets: 100 requests/s, no 429s, added p50 under 300 ms with AMQP and 1.2 s with polling. */
    private static String target(Row row, double addedMillis) {
        boolean amqp = row.load().startsWith("amqp");
        double limit = amqp ? 300 : 1_200;
        boolean met = row.rateLimited() == 0 && row.errors() == 0 && addedMillis < limit
                && (!amqp || row.requestsPerSecond() >= Target.GLOBUS_REQUESTS_PER_SECOND);
        return (amqp ? "≥ " + (int) Target.GLOBUS_REQUESTS_PER_SECOND + "/s, " : "") + "0 429s, added p50 < "
                + (int) limit + " ms " + (met ? "✓" : "✗");
    }

    private List<Row> measure(String results) {
        try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start("compute", "bench-results");
             FakeGlobusCompute fake = FakeGlobusCompute.start();
             ChildProcesses tools = new ChildProcesses()) {
            fake.addClient(CLIENT_ID, CLIENT_SECRET);
            fake.endpoint(ENDPOINT, "online", 1);
            fake.onSubmit(FUNCTION, task -> Reply.result(Results.jsonText(CHAT)).runningFor(TASK_TIME));
            fake.enforceRateLimit(20, Duration.ofSeconds(10));
            fake.deliverResultsThrough(broker.url(), broker.url());
            Map<String, String> variables = new LinkedHashMap<>();
            variables.put("GATEWAY_GLOBUS_COMPUTE_API_URL", fake.url());
            variables.put("GATEWAY_GLOBUS_COMPUTE_AUTH_URL", fake.url());
            variables.put("GATEWAY_GLOBUS_COMPUTE_CLIENT_ID", CLIENT_ID);
            variables.put("GATEWAY_GLOBUS_COMPUTE_CLIENT_SECRET", CLIENT_SECRET);
            variables.put("GATEWAY_GLOBUS_COMPUTE_RESULTS", results);
            progress.accept("Globus Compute, results by " + results + ": starting PostgreSQL, Kafka, gateway-http");
            try (Stack stack = Stack.startWith(settings, tools, GlobusRun::fixtures, variables)) {
                Path script = Files.createTempFile("globus-wrk", ".lua");
                try {
                    WrkRunner.writeScript(script, BODY, stack.apiKey());
                    WrkRunner wrk = new WrkRunner(script, tools);
                    String url = stack.gatewayUrl() + "/v1/chat/completions";
                    progress.accept("warming up for " + Durations.human(options.warmup()));
                    wrk.run(url, CONNECTIONS, options.warmup());
                    int limited = fake.rateLimitedCount();
                    int submits = fake.received("POST", "/v3/endpoints/").size();
                    int status = statusCalls(fake);
                    progress.accept("measuring for " + Durations.human(options.duration()) + " with wrk");
                    WrkResult closed = wrk.run(url, CONNECTIONS, options.duration());
                    Counts closedCounts = new Counts(fake.rateLimitedCount() - limited,
                            fake.received("POST", "/v3/endpoints/").size() - submits, statusCalls(fake) - status,
                            fake.mostCallsWithin(Duration.ofSeconds(10)));
                    progress.accept("measuring for " + Durations.human(options.duration()) + " at "
                            + (int) OPEN_RATE + " requests/s");
                    int limitedBefore = fake.rateLimitedCount();
                    int submitsBefore = fake.received("POST", "/v3/endpoints/").size();
                    int statusBefore = statusCalls(fake);
                    OpenLoad.Result open = OpenLoad.run(HttpClients.create(), url, stack.apiKey(), BODY, OPEN_RATE,
                            options.duration());
                    Counts openCounts = new Counts(fake.rateLimitedCount() - limitedBefore,
                            fake.received("POST", "/v3/endpoints/").size() - submitsBefore,
                            statusCalls(fake) - statusBefore, fake.mostCallsWithin(Duration.ofSeconds(10)));
                    return List.of(Row.of(results + ", wrk c=" + CONNECTIONS, closed, closedCounts),
                            Row.of(results + ", " + (int) OPEN_RATE + "/s open loop", open, openCounts));
                } finally {
                    Files.deleteIfExists(script);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int statusCalls(FakeGlobusCompute fake) {
        return fake.received("POST", "/v2/batch_status").size() + fake.received("GET", "/v2/tasks/").size();
    }

    /** One cluster (simulated jobs: the model is running) and one Globus Compute endpoint. */
    private static Path fixtures(Path directory) {
        try {
            Files.createDirectories(directory);
            ArrayNode clusters = Json.MAPPER.createArrayNode();
            ObjectNode cluster = entry(clusters, "resource_server_async.cluster");
            cluster.put("cluster_name", BenchModels.CLUSTER);
            cluster.put("cluster_adapter", "io.inferencegateway.adaptors.simulated.SimulatedCluster");
            cluster.putArray("frameworks").add(BenchModels.FRAMEWORK);
            cluster.putArray("openai_endpoints").add("chat/completions");
            cluster.putObject("config").putObject("models").put(MODEL, "running");
            ArrayNode endpoints = Json.MAPPER.createArrayNode();
            ObjectNode endpoint = entry(endpoints, "resource_server_async.endpoint");
            endpoint.put("cluster", BenchModels.CLUSTER);
            endpoint.put("framework", BenchModels.FRAMEWORK);
            endpoint.put("model", MODEL);
            endpoint.put("endpoint_adapter", "io.inferencegateway.adaptors.globus.GlobusComputeEndpoint");
            endpoint.put("tpm_model", 0);
            endpoint.put("tpm_user", 0);
            endpoint.putObject("config").put("endpoint_uuid", ENDPOINT).put("function_uuid", FUNCTION)
                    .put("api_port", 8000);
            Files.write(directory.resolve("clusters.json"), Json.writeBytes(clusters));
            Files.write(directory.resolve("endpoints.json"), Json.writeBytes(endpoints));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode entry(ArrayNode array, String kind) {
        ObjectNode entry = array.addObject();
        entry.put("model", kind);
        entry.put("pk", 1);
        return entry.putObject("fields");
    }
}
