package io.inferencegateway.registry;

import io.inferencegateway.spi.ClusterDefinition;
import io.inferencegateway.spi.EndpointDefinition;
import java.util.List;
import java.util.Map;

/**
 * A validated, consistent set of cluster and endpoint definitions, with where each came from.
 *
 * @param clusters        clusters, in fixture order
 * @param endpoints       endpoints, in fixture order
 * @param clusterSources  where each cluster came from, by cluster name
 * @param endpointSources where each endpoint came from, by slug
 */
public record Definitions(
        List<ClusterDefinition> clusters,
        List<EndpointDefinition> endpoints,
        Map<String, FixtureSource> clusterSources,
        Map<String, FixtureSource> endpointSources) {

    public Definitions {
        clusters = List.copyOf(clusters);
        endpoints = List.copyOf(endpoints);
        clusterSources = Map.copyOf(clusterSources);
        endpointSources = Map.copyOf(endpointSources);
    }
}
