package io.inferencegateway.gateway.inference;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.inferencegateway.spi.BaseCluster;
import io.inferencegateway.spi.GetJobsResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each cluster's {@code getJobs} answer, kept briefly: the jobs route and federated routing ask often, clusters'
 * status services are slow and rate-limited. An adaptor that throws is reported as a 502 answer, never thrown.
 */
public final class JobsCache {

    private static final Logger LOG = LoggerFactory.getLogger(JobsCache.class);

    private final LoadingCache<BaseCluster, GetJobsResponse> cache;

    public JobsCache(Duration ttl) {
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).build(JobsCache::ask);
    }

    public GetJobsResponse jobs(BaseCluster cluster) {
        return cache.get(cluster);
    }

    private static GetJobsResponse ask(BaseCluster cluster) {
        try {
            GetJobsResponse response = cluster.getJobs();
            return response != null ? response
                    : GetJobsResponse.error(502, "Cluster adaptor for '" + cluster.clusterName() + "' returned nothing.");
        } catch (RuntimeException e) {
            LOG.warn("getJobs failed for cluster {}", cluster.clusterName(), e);
            return GetJobsResponse.error(502, "Could not get the status of cluster '" + cluster.clusterName() + "'.");
        }
    }
}
