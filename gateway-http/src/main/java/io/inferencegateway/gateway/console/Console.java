package io.inferencegateway.gateway.console;

import io.inferencegateway.access.ApiKeyHasher;
import io.inferencegateway.gateway.auth.AuthenticationFilter;
import io.inferencegateway.gateway.http.Routes;
import io.inferencegateway.gateway.inference.JobsCache;
import io.inferencegateway.gateway.inference.Maintenance;
import io.inferencegateway.gateway.metrics.GatewayMetrics;
import io.inferencegateway.gateway.validation.RequestParser;
import io.inferencegateway.kafka.KafkaSettings;
import io.inferencegateway.kafka.Topics;
import io.inferencegateway.persistence.ApiKeyRepository;
import io.inferencegateway.persistence.StoredApiKeys;
import io.inferencegateway.registry.AdaptorRegistry;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;

/**
 * The web console at {@code /console}: its pages, its JSON routes for users and operators, and the feed that brings
 * batch events and capacity reports from Kafka. Closing it ends the open event streams and stops the feed.
 */
public final class Console implements AutoCloseable {

    /** Streams one user may have open on one replica (a few tabs), and streams in all. */
    static final int STREAMS_PER_USER = 8;
    static final int STREAMS = 2_000;

    /** What the console reads from the rest of gateway-http. */
    public record Parts(ConsoleSettings settings, KafkaSettings kafka, Topics topics, DataSource dataSource,
                        ApiKeyHasher keyHasher, AdaptorRegistry registry, AuthenticationFilter auth, JobsCache jobs,
                        Maintenance maintenance, GatewayMetrics metrics, RequestParser parser) {
    }

    private final BatchEventHub hub;
    private final ConsoleFeed feed;
    private final List<Routes> routes;

    private Console(BatchEventHub hub, ConsoleFeed feed, List<Routes> routes) {
        this.hub = hub;
        this.feed = feed;
        this.routes = routes;
    }

    public static Console start(Parts parts) {
        BatchEventHub hub = new BatchEventHub(STREAMS_PER_USER, STREAMS);
        CapacityBoard board = new CapacityBoard(Clock.systemUTC());
        ConsoleFeed feed = new ConsoleFeed(parts.kafka(), new ConsoleFeed.Topics(parts.topics().events(),
                parts.topics().capacity()), hub, board);
        GatewayMetrics metrics = parts.metrics();
        metrics.watch("gateway.console.feed.up", () -> feed.up() ? 1 : 0);
        metrics.watch("gateway.console.feed.failures", feed::failures);
        metrics.watch("gateway.console.feed.skipped", feed::skipped);
        metrics.watch("gateway.console.streams", hub::open);
        metrics.watch("gateway.console.events.dropped", hub::dropped);
        UsageSeries series = new UsageSeries(parts.dataSource());
        OperatorOverview overview = new OperatorOverview(parts.registry(), parts.jobs(), parts.maintenance(),
                new EndpointActivity(parts.dataSource()), board, feed);
        KeyAdministration keys = new KeyAdministration(new StoredApiKeys(parts.dataSource()),
                new ApiKeyRepository(parts.dataSource(), parts.keyHasher()), parts.parser());
        return new Console(hub, feed, List.of(new ConsolePages(),
                new ConsoleUserRoutes(parts.auth(), parts.settings(), parts.registry(), parts.jobs(),
                        parts.maintenance(), series, hub),
                new ConsoleOperatorRoutes(parts.auth(), parts.settings(), overview, series, metrics, keys)));
    }

    public List<Routes> routes() {
        return routes;
    }

    /** Whether the feed reads Kafka now: readiness shows it, without refusing traffic (the APIs do not need it). */
    public boolean feedUp() {
        return feed.up();
    }

    /** Ends the open event streams; called before the server stops, so it does not wait for them. */
    public void endStreams() {
        hub.close();
    }

    @Override
    public void close() throws InterruptedException {
        hub.close();
        feed.close();
    }
}
