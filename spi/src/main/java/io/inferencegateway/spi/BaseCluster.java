package io.inferencegateway.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A cluster adaptor: how the gateway learns what a cluster is running. This is FIRST's {@code BaseCluster} in
 * Java.
 *
 * <p>Extend it with a public constructor that takes one {@link ClusterDefinition}, read settings from
 * {@link #config()} (throwing {@link AdaptorConfigException} when they are unusable), and implement
 * {@link #getJobs()}. It is called on virtual threads and concurrently; the gateway caches its answer briefly,
 * so it need not cache itself. Name the class in {@code fixtures/clusters.json} ({@code cluster_adapter}).
 */
public abstract class BaseCluster implements AutoCloseable {

    private final ClusterDefinition definition;

    protected BaseCluster(ClusterDefinition definition) {
        this.definition = definition;
    }

    /** The cluster's jobs by status: which models are running, queued or stopped. */
    public abstract GetJobsResponse getJobs();

    /** Releases clients and threads; called once when the gateway stops. */
    @Override
    public void close() {
    }

    public final ClusterDefinition definition() {
        return definition;
    }

    public final long id() {
        return definition.id();
    }

    public final String clusterName() {
        return definition.clusterName();
    }

    public final String clusterAdapter() {
        return definition.clusterAdapter();
    }

    public final List<String> frameworks() {
        return definition.frameworks();
    }

    public final List<String> openaiEndpoints() {
        return definition.openaiEndpoints();
    }

    public final List<String> allowedGlobusGroups() {
        return definition.allowedGlobusGroups();
    }

    public final List<String> allowedDomains() {
        return definition.allowedDomains();
    }

    /** The fixture's {@code config} object (a copy). */
    public final ObjectNode config() {
        return definition.config();
    }
}
