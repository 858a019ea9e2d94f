package io.inferencegateway.adaptors.globus;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import io.inferencegateway.json.Json;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's results queue, read for as long as the process runs: a supervised loop asks Globus Compute for the
 * client's AMQP credentials, consumes the task group's queue and hands each result to the {@link TaskPoller}; when
 * the connection cannot be made or is lost, the failure is logged and counted, the client's tasks are polled
 * meanwhile, and the loop connects again after a backoff (1 s, doubling to 30 s).
 *
 * <p>A message is {@code globus_compute_common}'s messagepack v1: the byte {@code 0x01}, then
 * {@code {"message_type": "result", "data": {"task_id", "data", "error_details", ...}}}; {@code data} is the
 * serialized result, or the traceback when {@code error_details} is set.
 */
final class ResultStream implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResultStream.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final ComputeApi api;
    private final Credentials client;
    private final String taskGroupId;
    private final TaskPoller poller;
    private final Optional<Integer> port;
    private final AtomicLong failures;
    private final Thread thread;
    private volatile boolean consuming;
    private volatile boolean closed;
    private volatile Connection connection;

    ResultStream(ComputeApi api, Credentials client, String taskGroupId, TaskPoller poller, Optional<Integer> port,
                 AtomicLong failures) {
        this.api = api;
        this.client = client;
        this.taskGroupId = taskGroupId;
        this.poller = poller;
        this.port = port;
        this.failures = failures;
        this.thread = Thread.ofVirtual().name("globus-compute-results").start(this::run);
    }

    /** Whether the queue is being read now. */
    boolean consuming() {
        return consuming;
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        while (!closed) {
            CountDownLatch lost = new CountDownLatch(1);
            try {
                consume(lost);
                backoff = FIRST_BACKOFF;
                lost.await();
                if (!closed) {
                    failures.incrementAndGet();
                    LOG.warn("The Globus Compute results queue of client {} was lost; its tasks are polled until it "
                            + "is back", client.clientId());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failures.incrementAndGet();
                LOG.warn("Cannot read the Globus Compute results queue of client {} ({}); its tasks are polled, "
                        + "trying again in {} s", client.clientId(), e.toString(), backoff.toSeconds());
            } finally {
                consuming = false;
                closeConnection();
            }
            try {
                long until = System.nanoTime() + backoff.toNanos();
                while (!closed && System.nanoTime() < until) {
                    Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private void consume(CountDownLatch lost) throws Exception {
        ComputeApi.AmqpAccess access = api.amqpAccess(client, System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
        ConnectionFactory factory = factory(access.connectionUrl(), port);
        Connection opened = factory.newConnection("inference-gateway");
        connection = opened;
        opened.addShutdownListener(cause -> lost.countDown());
        Channel channel = opened.createChannel();
        channel.basicQos(1_000);
        String queue = access.queuePrefix() + taskGroupId;
        channel.basicConsume(queue, false, (tag, delivery) -> handle(channel, delivery),
                tag -> lost.countDown());
        consuming = true;
        LOG.info("Reading Globus Compute results of client {} from queue {}", client.clientId(), queue);
    }

    private void handle(Channel channel, Delivery delivery) throws java.io.IOException {
        long tag = delivery.getEnvelope().getDeliveryTag();
        Optional<TaskReport> report = read(delivery.getBody());
        if (report.isEmpty()) {
            // The SDK puts such a message back; we set it aside rather than read it again forever.
            failures.incrementAndGet();
            LOG.warn("Rejected a message on the Globus Compute results queue of client {} that is not a result",
                    client.clientId());
            channel.basicReject(tag, false);
            return;
        }
        Object highAssurance = delivery.getProperties().getHeaders() == null ? null
                : delivery.getProperties().getHeaders().get("high_assurance");
        if (highAssurance == null || "false".equalsIgnoreCase(highAssurance.toString())) {
            poller.deliver(report.get());
        } // a high-assurance endpoint's result is fetched over REST: the poller still watches it
        channel.basicAck(tag, false);
    }

    /** A messagepack v1 {@code result}, or empty when the body is anything else. */
    static Optional<TaskReport> read(byte[] body) {
        if (body.length < 2 || body[0] != 1) {
            return Optional.empty();
        }
        try {
            JsonNode message = Json.MAPPER.readTree(new String(body, 1, body.length - 1, StandardCharsets.UTF_8));
            JsonNode data = message.path("data");
            if (!"result".equals(message.path("message_type").asText()) || !data.path("task_id").isTextual()
                    || !data.path("data").isTextual()) {
                return Optional.empty();
            }
            String taskId = data.get("task_id").asText();
            boolean failed = data.hasNonNull("error_details");
            return Optional.of(failed ? new TaskReport(taskId, "failed", null, data.get("data").asText())
                    : new TaskReport(taskId, "success", data.get("data").asText(), null));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /**
     * The connection settings of {@code amqps://user:password@host[:port][/vhost]}: TLS with the JVM's trust store
     * and host name verification (the client library's own {@code amqps} handling trusts every certificate).
     */
    static ConnectionFactory factory(String url, Optional<Integer> portOverride) throws Exception {
        URI uri = URI.create(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("amqp") && !scheme.equals("amqps")) {
            throw new IllegalArgumentException("not an amqp:// or amqps:// URL");
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(uri.getHost());
        boolean tls = scheme.equals("amqps");
        factory.setPort(portOverride.orElse(uri.getPort() > 0 ? uri.getPort() : tls ? 5671 : 5672));
        if (uri.getRawUserInfo() != null) {
            String[] user = uri.getRawUserInfo().split(":", 2);
            factory.setUsername(URLDecoder.decode(user[0], StandardCharsets.UTF_8));
            factory.setPassword(user.length == 2 ? URLDecoder.decode(user[1], StandardCharsets.UTF_8) : "");
        }
        String path = uri.getRawPath();
        if (path != null && path.length() > 1) {
            factory.setVirtualHost(URLDecoder.decode(path.substring(1), StandardCharsets.UTF_8));
        }
        if (tls) {
            factory.useSslProtocol(SSLContext.getDefault());
            factory.enableHostnameVerification();
        }
        factory.setAutomaticRecoveryEnabled(false); // this class reconnects, with fresh credentials
        factory.setConnectionTimeout(10_000);
        factory.setRequestedHeartbeat(30);
        return factory;
    }

    private void closeConnection() {
        Connection open = connection;
        connection = null;
        if (open != null && open.isOpen()) {
            try {
                open.close(2_000);
            } catch (Exception e) {
                // already going
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        closeConnection();
        thread.interrupt();
    }
}
