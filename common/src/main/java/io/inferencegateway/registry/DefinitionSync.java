package io.inferencegateway.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path from fixtures to live adaptors that every process shares: validate the fixture files, store them,
 * and build adaptors from what is stored (so processes started without fixtures see the same definitions).
 */
public final class DefinitionSync {

    private static final Logger LOG = LoggerFactory.getLogger(DefinitionSync.class);

    private final DefinitionRepository repository;
    private final AdaptorClasses classes = AdaptorClasses.ofContext();
    private final ConfigInterpolator interpolator;

    public DefinitionSync(DataSource dataSource, Function<String, String> environment) {
        this.repository = new DefinitionRepository(dataSource);
        this.interpolator = new ConfigInterpolator(environment);
    }

    /** Validates the fixtures in {@code directory} and makes the database hold exactly them. */
    public Definitions loadFixtures(Path directory) {
        Definitions definitions = new FixtureLoader(classes).load(directory);
        repository.replaceAll(definitions);
        LOG.info("Loaded {} clusters and {} endpoints from {}", definitions.clusters().size(),
                definitions.endpoints().size(), directory);
        return definitions;
    }

    /** The definitions the database holds. */
    public Definitions stored() {
        return repository.loadAll();
    }

    /** Live adaptors for {@code definitions}. */
    public AdaptorRegistry build(Definitions definitions) {
        return AdaptorRegistry.build(definitions, classes, interpolator);
    }

    /** Live adaptors for {@code definitions}, offered the host's {@code services} (see {@code AdaptorContext}). */
    public AdaptorRegistry build(Definitions definitions, List<?> services) {
        return AdaptorRegistry.build(definitions, classes, interpolator, services);
    }
}
