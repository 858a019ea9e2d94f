package io.inferencegateway.worker;

import io.inferencegateway.kafka.KafkaSettings;
import io.inferencegateway.kafka.Topics;
import io.inferencegateway.persistence.Database;
import io.inferencegateway.persistence.DatabaseSettings;
import io.inferencegateway.registry.AdaptorRegistry;
import io.inferencegateway.registry.DefinitionSync;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch-worker process: the database, the batch topics (created if missing), and the adaptors built from
 * the definitions gateway-http stored. Workers share nothing but Kafka and PostgreSQL, so starting more of them
 * is how batch capacity grows.
 */
public final class BatchWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchWorker.class);

    private final Database database;
    private final AdaptorRegistry registry;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BatchWorker(Database database, AdaptorRegistry registry) {
        this.database = database;
        this.registry = registry;
    }

    public static BatchWorker start(DatabaseSettings databaseSettings, KafkaSettings kafka, Topics topics,
                                    Function<String, String> environment) {
        try (Admin admin = Admin.create(kafka.clientProperties("batch-worker-admin"))) {
            List<String> created = topics.ensure(admin);
            if (!created.isEmpty()) {
                LOG.info("Created topics {}", created);
            }
        }
        Database database = Database.open(databaseSettings, "batch-worker");
        try {
            DefinitionSync sync = new DefinitionSync(database.dataSource(), environment);
            AdaptorRegistry registry = sync.build(sync.stored());
            LOG.info("batch-worker ready on {} with {} endpoints", kafka.bootstrapServers(),
                    registry.endpoints().size());
            return new BatchWorker(database, registry);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public AdaptorRegistry registry() {
        return registry;
    }

    /** Closes the adaptors and the pool; safe to call more than once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            registry.close();
            database.close();
        }
    }
}
