package io.inferencegateway.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The Kafka topics of batch processing, named by role under one prefix, and how to create them.
 *
 * @param prefix         put before every topic name, so several deployments can share a cluster
 * @param workPartitions partitions of the lines and results topics, the upper bound of classic consumers working in
 *                       parallel on them
 */
public record Topics(String prefix, int workPartitions) {

    public static final String DEFAULT_PREFIX = "gateway.";
    public static final int DEFAULT_WORK_PARTITIONS = 12;
    /** Submissions, events and usage carry one record per batch or per window: a few partitions are plenty. */
    static final int SMALL_PARTITIONS = 3;
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern LEGAL = Pattern.compile("[A-Za-z0-9._-]*");

    /** One topic to create, with settings beyond the broker's defaults. */
    public record Spec(String name, int partitions, Map<String, String> configs) {

        public Spec(String name, int partitions) {
            this(name, partitions, Map.of());
        }
    }

    public Topics {
        Objects.requireNonNull(prefix, "prefix");
        if (!LEGAL.matcher(prefix).matches() || prefix.length() > 200) {
            throw new IllegalArgumentException("topic prefix may hold only letters, digits, '.', '_' and '-' "
                    + "(at most 200 of them), got '" + prefix + "'");
        }
        if (workPartitions < 1) {
            throw new IllegalArgumentException("workPartitions must be at least 1, was " + workPartitions);
        }
    }

    public static Topics defaults() {
        return new Topics(DEFAULT_PREFIX, DEFAULT_WORK_PARTITIONS);
    }

    /** Accepted batches, keyed by batch id: a worker submits natively or fans the lines out. */
    public String submissions() {
        return prefix + "batch-submissions";
    }

    /** Batch lines to execute through an adaptor, one record per line. */
    public String lines() {
        return prefix + "batch-lines";
    }

    /** The outcome of each executed line, keyed by batch id. */
    public String results() {
        return prefix + "batch-results";
    }

    /** Batch status changes: progress, webhooks, dashboards. */
    public String events() {
        return prefix + "batch-events";
    }

    /**
     * Records of the lines topic that no worker could read, each with its original bytes and, in headers, why and
     * where it came from: kept for an operator, never consumed by the gateway.
     */
    public String lineDeadLetters() {
        return prefix + "batch-lines-dead-letters";
    }

    /** Tokens used per user and model, aggregated in windows for cluster-wide limits. */
    public String usage() {
        return prefix + "usage";
    }

    /**
     * Load reports and batch budgets ({@code CapacityMessage}): read from their end by every worker, worth nothing
     * after a minute, so kept for an hour.
     */
    public String capacity() {
        return prefix + "capacity";
    }

    public List<Spec> all() {
        return List.of(
                new Spec(submissions(), SMALL_PARTITIONS),
                new Spec(lines(), workPartitions),
                new Spec(results(), workPartitions),
                new Spec(events(), SMALL_PARTITIONS),
                new Spec(usage(), SMALL_PARTITIONS),
                new Spec(lineDeadLetters(), SMALL_PARTITIONS),
                new Spec(capacity(), 1, Map.of("retention.ms", String.valueOf(Duration.ofHours(1).toMillis()))));
    }

    /**
     * Creates the topics that do not exist yet, with replication factor min(3, brokers); existing topics are left as
     * they are, so every replica may call this at start-up.
     *
     * @return the names of the topics this call created
     */
    public List<String> ensure(Admin admin) {
        try {
            int brokers = admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            short replication = (short) Math.max(1, Math.min(3, brokers));
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = all().stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(spec -> new NewTopic(spec.name(), spec.partitions(), replication).configs(spec.configs()))
                    .toList();
            List<String> created = new ArrayList<>();
            var futures = admin.createTopics(missing).values();
            for (NewTopic topic : missing) {
                try {
                    futures.get(topic.name()).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    created.add(topic.name());
                } catch (ExecutionException e) {
                    // Another replica starting at the same moment created it first: that is success too.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new KafkaException("Could not create topic " + topic.name(), e.getCause());
                    }
                }
            }
            return List.copyOf(created);
        } catch (ExecutionException e) {
            throw new KafkaException("Could not list the cluster's topics", e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("Kafka did not answer within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while creating topics", e);
        }
    }
}
