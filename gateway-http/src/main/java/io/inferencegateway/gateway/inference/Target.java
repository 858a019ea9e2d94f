package io.inferencegateway.gateway.inference;

import io.inferencegateway.spi.BaseCluster;
import io.inferencegateway.spi.BaseEndpoint;

/** Where one inference request goes: an endpoint and the cluster it belongs to. */
public record Target(BaseCluster cluster, BaseEndpoint endpoint) {
}
