package io.inferencegateway.testsupport.globus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fake's side of Globus Compute's results queues: a queue per task group ({@code queue_prefix} + task group id)
 * on an AMQP 0-9-1 broker, and one messagepack v1 {@code result} message per finished task
 * ({@code globus_compute_common.messagepack}: the version byte {@code 0x01}, then
 * {@code {"message_type": "result", "data": {"task_id", "data", "details", "error_details", "task_statuses"}}}).
 */
final class ResultQueues implements AutoCloseable {

    static final String PREFIX = "res.";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AtomicInteger published = new AtomicInteger();
    private volatile Connection connection;
    private volatile Channel channel;
    private volatile String handedOut;

    synchronized void connect(String publishUrl, String url) {
        try {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(publishUrl);
            connection = factory.newConnection("fake-globus-compute");
            channel = connection.createChannel();
            handedOut = url;
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect to the results broker " + publishUrl, e);
        }
    }

    void handOut(String url) {
        handedOut = url;
    }

    String handedOut() {
        return handedOut;
    }

    int published() {
        return published.get();
    }

    /** Declares the task group's queue (as {@code create_queue: true} makes the service do) and names it. */
    synchronized String declare(String taskGroup) {
        String queue = PREFIX + taskGroup;
        if (channel == null) {
            return queue; // no broker: the results stay for REST
        }
        try {
            channel.queueDeclare(queue, true, false, false, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return queue;
    }

    synchronized void publish(String queue, String taskId, String data, boolean failed) {
        if (channel == null) {
            return;
        }
        ObjectNode message = MAPPER.createObjectNode().put("message_type", "result");
        ObjectNode result = message.putObject("data").put("task_id", taskId).put("data", data);
        result.putObject("details").put("globus_compute_sdk_version", "3.6.0");
        if (failed) {
            result.putObject("error_details").put("code", "RemoteExecutionError")
                    .put("user_message", "An error occurred during the execution of this task");
        } else {
            result.putNull("error_details");
        }
        result.putArray("task_statuses").addObject().put("timestamp", System.currentTimeMillis() * 1_000_000L)
                .put("state", "execution-end").put("actor", "worker");
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(1);
            body.write(MAPPER.writeValueAsString(message).getBytes(StandardCharsets.UTF_8));
            channel.basicPublish("", queue, null, body.toByteArray());
            published.incrementAndGet();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (Exception e) {
            // the broker may be gone already
        }
    }
}
