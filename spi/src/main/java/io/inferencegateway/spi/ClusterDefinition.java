package io.inferencegateway.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * Everything a fixture says about one cluster.
 *
 * @param id                  the fixture's primary key
 * @param clusterName         unique name, the first path segment of FIRST's routes
 * @param clusterAdapter      fully qualified name of the {@link BaseCluster} subclass
 * @param frameworks          frameworks the cluster serves; every endpoint's framework must be one of them
 * @param openaiEndpoints     OpenAI routes the cluster accepts, without slashes, e.g. {@code chat/completions}
 * @param allowedGlobusGroups groups allowed to use the cluster; empty means no group restriction
 * @param allowedDomains      identity domains allowed to use the cluster; empty means no domain restriction
 * @param config              the adaptor's own settings, the fixture's free-form {@code config} object
 */
public record ClusterDefinition(
        long id,
        String clusterName,
        String clusterAdapter,
        List<String> frameworks,
        List<String> openaiEndpoints,
        List<String> allowedGlobusGroups,
        List<String> allowedDomains,
        ObjectNode config) {

    public ClusterDefinition {
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(clusterAdapter, "clusterAdapter");
        frameworks = List.copyOf(frameworks);
        openaiEndpoints = List.copyOf(openaiEndpoints);
        allowedGlobusGroups = List.copyOf(allowedGlobusGroups);
        allowedDomains = List.copyOf(allowedDomains);
        config = config.deepCopy();
    }

    /** The adaptor's settings; a copy, so an adaptor cannot change what others see. */
    @Override
    public ObjectNode config() {
        return config.deepCopy();
    }
}
