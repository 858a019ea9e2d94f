package io.inferencegateway.worker;

import io.inferencegateway.worker.progress.ProgressStreams;
import io.inferencegateway.worker.supervision.Supervisor;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Why this worker is short of capacity, for {@code /ready}: lanes not running, the progress stream stopped, or
 * PostgreSQL or Kafka out of reach. An empty list means ready.
 */
final class WorkerReadiness {

    private static final int CHECK_SECONDS = 2;

    private final Supervisor supervisor;
    private final ProgressStreams progress;
    private final DataSource database;
    private final Admin admin;

    WorkerReadiness(Supervisor supervisor, ProgressStreams progress, DataSource database, Admin admin) {
        this.supervisor = supervisor;
        this.progress = progress;
        this.database = database;
        this.admin = admin;
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>(supervisor.problems());
        KafkaStreams.State state = progress.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            problems.add("progress stream: " + state);
        }
        try (Connection connection = database.getConnection()) {
            if (!connection.isValid(CHECK_SECONDS)) {
                problems.add("PostgreSQL: the connection did not answer");
            }
        } catch (Exception e) {
            problems.add("PostgreSQL: " + e.getMessage());
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(CHECK_SECONDS * 1000)).nodes()
                    .get(CHECK_SECONDS + 1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("Kafka: interrupted");
        } catch (Exception e) {
            problems.add("Kafka: " + e.getMessage());
        }
        return problems;
    }
}
