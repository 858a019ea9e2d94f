package io.inferencegateway.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * Everything a fixture says about one endpoint (one model served by one framework on one cluster).
 *
 * @param id                  the fixture's primary key
 * @param endpointSlug        stable, unique identifier (see {@code docs/FIXTURES.md} for the rule)
 * @param cluster             name of the cluster that serves the model
 * @param framework           framework on that cluster, e.g. {@code vllm} or {@code api}
 * @param model               model name as clients send it (matched case-insensitively)
 * @param endpointAdapter     fully qualified name of the {@link BaseEndpoint} subclass
 * @param allowedGlobusGroups groups allowed to use the endpoint; empty means no group restriction
 * @param allowedDomains      identity domains allowed to use the endpoint; empty means no domain restriction
 * @param tpmModel            tokens per minute for the whole model, 0 disables the limit
 * @param tpmUser             tokens per minute for each user of the model, 0 disables the limit
 * @param config              the adaptor's own settings, the fixture's free-form {@code config} object
 */
public record EndpointDefinition(
        long id,
        String endpointSlug,
        String cluster,
        String framework,
        String model,
        String endpointAdapter,
        List<String> allowedGlobusGroups,
        List<String> allowedDomains,
        int tpmModel,
        int tpmUser,
        ObjectNode config) {

    public EndpointDefinition {
        Objects.requireNonNull(endpointSlug, "endpointSlug");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(framework, "framework");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(endpointAdapter, "endpointAdapter");
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
