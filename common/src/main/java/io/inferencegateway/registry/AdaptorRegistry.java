package io.inferencegateway.registry;

import io.inferencegateway.spi.AdaptorConfigException;
import io.inferencegateway.spi.AdaptorContext;
import io.inferencegateway.spi.HostContext;
import io.inferencegateway.spi.BaseCluster;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.spi.ClusterDefinition;
import io.inferencegateway.spi.EndpointDefinition;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live adaptors: one {@link BaseCluster} per cluster and one {@link BaseEndpoint} per endpoint, built from
 * validated {@link Definitions}. Immutable once built, so lookups need no locking; closing it closes every
 * adaptor.
 */
public final class AdaptorRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdaptorRegistry.class);

    private final Map<String, BaseCluster> clusters;
    private final Map<String, BaseEndpoint> endpointsByRoute;
    private final Map<String, List<BaseEndpoint>> endpointsByCluster;
    private final HostContext context;

    private AdaptorRegistry(Map<String, BaseCluster> clusters, Map<String, BaseEndpoint> endpointsByRoute,
                            Map<String, List<BaseEndpoint>> endpointsByCluster, HostContext context) {
        this.clusters = clusters;
        this.endpointsByRoute = endpointsByRoute;
        this.endpointsByCluster = endpointsByCluster;
        this.context = context;
    }

    /**
     * Instantiates every adaptor. If one fails, those already built are closed and a {@link FixtureException}
     * names the definition and the field.
     */
    public static AdaptorRegistry build(Definitions definitions, AdaptorClasses classes, ConfigInterpolator interpolator) {
        return build(definitions, classes, interpolator, List.of());
    }

    /**
     * As {@link #build(Definitions, AdaptorClasses, ConfigInterpolator)}, offering {@code services} to adaptors
     * through their {@link AdaptorContext}.
     */
    public static AdaptorRegistry build(Definitions definitions, AdaptorClasses classes, ConfigInterpolator interpolator,
                                        List<?> services) {
        HostContext context = new HostContext(interpolator.environment(), services);
        List<AutoCloseable> built = new ArrayList<>();
        try {
            Map<String, BaseCluster> clusters = new LinkedHashMap<>();
            Map<String, List<BaseEndpoint>> byCluster = new LinkedHashMap<>();
            for (ClusterDefinition definition : definitions.clusters()) {
                FixtureSource source = definitions.clusterSources().getOrDefault(definition.clusterName(),
                        new FixtureSource("database cluster", 0, definition.id()));
                ClusterDefinition resolved = new ClusterDefinition(definition.id(), definition.clusterName(),
                        definition.clusterAdapter(), definition.frameworks(), definition.openaiEndpoints(),
                        definition.allowedGlobusGroups(), definition.allowedDomains(),
                        interpolator.resolve(definition.config(), source));
                BaseCluster cluster = instantiate(classes.constructor(source, "cluster_adapter",
                        definition.clusterAdapter(), BaseCluster.class, ClusterDefinition.class), resolved, context,
                        source);
                built.add(cluster);
                clusters.put(definition.clusterName(), cluster);
                byCluster.put(definition.clusterName(), new ArrayList<>());
            }
            Map<String, BaseEndpoint> byRoute = new LinkedHashMap<>();
            for (EndpointDefinition definition : definitions.endpoints()) {
                FixtureSource source = definitions.endpointSources().getOrDefault(definition.endpointSlug(),
                        new FixtureSource("database endpoint", 0, definition.id()));
                EndpointDefinition resolved = new EndpointDefinition(definition.id(), definition.endpointSlug(),
                        definition.cluster(), definition.framework(), definition.model(), definition.endpointAdapter(),
                        definition.allowedGlobusGroups(), definition.allowedDomains(), definition.tpmModel(),
                        definition.tpmUser(), interpolator.resolve(definition.config(), source));
                BaseEndpoint endpoint = instantiate(classes.constructor(source, "endpoint_adapter",
                        definition.endpointAdapter(), BaseEndpoint.class, EndpointDefinition.class), resolved, context,
                        source);
                built.add(endpoint);
                byRoute.put(routeKey(definition.cluster(), definition.framework(), definition.model()), endpoint);
                byCluster.computeIfAbsent(definition.cluster(), c -> new ArrayList<>()).add(endpoint);
            }
            byCluster.replaceAll((name, list) -> List.copyOf(list));
            LOG.info("Adaptors ready: {} clusters, {} endpoints", clusters.size(), byRoute.size());
            return new AdaptorRegistry(Map.copyOf(clusters), Map.copyOf(byRoute), byCluster, context);
        } catch (RuntimeException e) {
            closeAll(built);
            context.close();
            throw e;
        }
    }

    private static <T> T instantiate(Constructor<? extends T> constructor, Object definition, AdaptorContext context,
                                     FixtureSource source) {
        try {
            return constructor.getParameterCount() == 2 ? constructor.newInstance(definition, context)
                    : constructor.newInstance(definition);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AdaptorConfigException config) {
                throw FixtureException.at(source, config.field(), config.getMessage());
            }
            throw new FixtureException(source.describe() + ": " + constructor.getDeclaringClass().getName()
                    + " failed to start: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new FixtureException(source.describe() + ": cannot instantiate "
                    + constructor.getDeclaringClass().getName() + ": " + e, e);
        }
    }

    private static String routeKey(String cluster, String framework, String model) {
        return cluster + '\n' + framework + '\n' + EndpointSlug.normalizeModel(model);
    }

    public Optional<BaseCluster> cluster(String name) {
        return Optional.ofNullable(clusters.get(name));
    }

    /** Clusters in fixture order. */
    public Collection<BaseCluster> clusters() {
        return endpointsByCluster.keySet().stream().map(clusters::get).toList();
    }

    /** The endpoint serving {@code model} (case-insensitively) with {@code framework} on {@code cluster}. */
    public Optional<BaseEndpoint> endpoint(String cluster, String framework, String model) {
        return Optional.ofNullable(endpointsByRoute.get(routeKey(cluster, framework, model)));
    }

    /** The endpoints of one cluster, in fixture order. */
    public List<BaseEndpoint> endpoints(String cluster) {
        return endpointsByCluster.getOrDefault(cluster, List.of());
    }

    /** Every endpoint, in fixture order. */
    public List<BaseEndpoint> endpoints() {
        return endpointsByCluster.values().stream().flatMap(List::stream).toList();
    }

    @Override
    public void close() {
        List<AutoCloseable> all = new ArrayList<>(endpointsByRoute.values());
        all.addAll(clusters.values());
        closeAll(all);
        context.close();
    }

    private static void closeAll(List<? extends AutoCloseable> adaptors) {
        for (AutoCloseable adaptor : adaptors) {
            try {
                adaptor.close();
            } catch (Exception e) {
                LOG.warn("Closing adaptor {} failed", adaptor, e);
            }
        }
    }
}
