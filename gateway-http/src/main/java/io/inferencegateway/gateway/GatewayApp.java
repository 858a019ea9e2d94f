package io.inferencegateway.gateway;

import io.inferencegateway.persistence.Database;
import io.inferencegateway.persistence.DatabaseSettings;
import io.inferencegateway.registry.AdaptorRegistry;
import io.inferencegateway.registry.Definitions;
import io.inferencegateway.registry.DefinitionSync;
import io.inferencegateway.access.User;
import io.inferencegateway.persistence.ApiKeyRepository;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway-http process: the database, the adaptors built from the stored definitions (refreshed from
 * fixtures first when a fixtures directory is given), and the HTTP server. Closing it stops them in reverse.
 */
public final class GatewayApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayApp.class);

    private final Database database;
    private final AdaptorRegistry registry;
    private final GatewayServer server;
    private final AtomicBoolean closed = new AtomicBoolean();

    private GatewayApp(Database database, AdaptorRegistry registry, GatewayServer server) {
        this.database = database;
        this.registry = registry;
        this.server = server;
    }

    /** Opens the database, loads fixtures and the development key if asked, builds the adaptors, serves. */
    public static GatewayApp start(GatewaySettings settings, DatabaseSettings databaseSettings,
                                   StartupOptions options) {
        Database database = Database.open(databaseSettings, "gateway-http");
        AdaptorRegistry registry = null;
        try {
            DefinitionSync sync = new DefinitionSync(database.dataSource(), options.environment());
            Definitions definitions = options.fixtures().map(sync::loadFixtures).orElseGet(sync::stored);
            options.devApiKey().ifPresent(key -> new ApiKeyRepository(database.dataSource()).register(
                    new User(StartupOptions.DEV_USER_ID, "Development user", "dev@localhost", List.of(),
                            "localhost", "", "", "api_key"), "development key", key));
            registry = sync.build(definitions);
            GatewayServer server = GatewayServer.start(settings, registry, database);
            LOG.info("gateway-http listening on http://{}:{}", settings.host(), server.port());
            return new GatewayApp(database, registry, server);
        } catch (RuntimeException e) {
            if (registry != null) {
                registry.close();
            }
            database.close();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    public Database database() {
        return database;
    }

    public AdaptorRegistry registry() {
        return registry;
    }

    /** Stops serving, then closes the adaptors and the pool; safe to call more than once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.close();
        registry.close();
        database.close();
    }
}
