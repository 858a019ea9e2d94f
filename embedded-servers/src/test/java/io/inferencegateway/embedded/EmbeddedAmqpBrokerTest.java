package io.inferencegateway.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The broker speaks AMQP 0-9-1 to RabbitMQ's Java client: a queue declared, a message published and read back. */
class EmbeddedAmqpBrokerTest {

    @Test
    void aPublishedMessageIsDeliveredThroughANamedQueue() throws Exception {
        try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start("gateway", "s3cret")) {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(broker.url());
            try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
                channel.queueDeclare("results.q1", false, false, false, null);
                channel.basicPublish("", "results.q1", null, "\u0001{}".getBytes(StandardCharsets.UTF_8));
                GetResponse got = null;
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (got == null && System.nanoTime() < deadline) {
                    got = channel.basicGet("results.q1", true);
                }
                assertThat(got).isNotNull();
                assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo("\u0001{}");
            }
        }
    }
}
