package io.inferencegateway.gateway.first;

import io.inferencegateway.access.Permission;
import io.inferencegateway.access.User;
import io.inferencegateway.registry.AdaptorRegistry;
import io.inferencegateway.spi.BaseCluster;
import io.inferencegateway.spi.BaseEndpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * FIRST's {@code list-endpoints} answer for one caller: the clusters they may use, and in each the models of the
 * endpoints they may use, by framework.
 */
public final class EndpointListing {

    private EndpointListing() {
    }

    public static Map<String, Object> forUser(AdaptorRegistry registry, User user) {
        Map<String, Object> clusters = new LinkedHashMap<>();
        for (BaseCluster cluster : registry.clusters()) {
            if (!Permission.permits(cluster.allowedGlobusGroups(), cluster.allowedDomains(), user)) {
                continue;
            }
            List<String> routes = cluster.openaiEndpoints().stream().map(route -> "/v1/" + route).toList();
            Map<String, TreeSet<String>> modelsByFramework = new TreeMap<>();
            for (BaseEndpoint endpoint : registry.endpoints(cluster.clusterName())) {
                if (Permission.permits(endpoint.allowedGlobusGroups(), endpoint.allowedDomains(), user)) {
                    modelsByFramework.computeIfAbsent(endpoint.framework(), f -> new TreeSet<>()).add(endpoint.model());
                }
            }
            Map<String, Object> frameworks = new LinkedHashMap<>();
            modelsByFramework.forEach((framework, models) ->
                    frameworks.put(framework, Map.of("models", List.copyOf(models), "endpoints", routes)));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("base_url", "/resource_server/" + cluster.clusterName());
            entry.put("frameworks", frameworks);
            clusters.put(cluster.clusterName(), entry);
        }
        return Map.of("clusters", clusters);
    }
}
