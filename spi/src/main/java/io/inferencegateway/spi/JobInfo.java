package io.inferencegateway.spi;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One job (or one served model) on a cluster. The three named fields are required; any other field the cluster
 * reports ({@code "Model Status"}, {@code "Job ID"}, ...) is kept and written back in order, as the seed's open
 * {@code JobInfo} does.
 */
@JsonPropertyOrder({"Models", "Framework", "Cluster"})
public final class JobInfo {

    private final String models;
    private final String framework;
    private final String cluster;
    private final Map<String, Object> extra = new LinkedHashMap<>();

    /**
     * @param models    model names, comma-separated when one job serves several
     * @param framework framework name
     * @param cluster   cluster name
     */
    @JsonCreator
    public JobInfo(@JsonProperty(value = "Models", required = true) String models,
                   @JsonProperty(value = "Framework", required = true) String framework,
                   @JsonProperty(value = "Cluster", required = true) String cluster) {
        this.models = Objects.requireNonNull(models, "Models");
        this.framework = Objects.requireNonNull(framework, "Framework");
        this.cluster = Objects.requireNonNull(cluster, "Cluster");
    }

    @JsonProperty("Models")
    public String models() {
        return models;
    }

    @JsonProperty("Framework")
    public String framework() {
        return framework;
    }

    @JsonProperty("Cluster")
    public String cluster() {
        return cluster;
    }

    /** Adds or replaces an extra field; returns this for chaining. */
    @JsonAnySetter
    public JobInfo with(String key, Object value) {
        extra.put(key, value);
        return this;
    }

    /** The extra fields, in the order they were added. */
    @JsonAnyGetter
    public Map<String, Object> extra() {
        return Collections.unmodifiableMap(extra);
    }

    /** A copy that lists other models but keeps every other field (used to hide models a caller may not see). */
    public JobInfo withModels(String otherModels) {
        JobInfo copy = new JobInfo(otherModels, framework, cluster);
        copy.extra.putAll(extra);
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JobInfo other && models.equals(other.models) && framework.equals(other.framework)
                && cluster.equals(other.cluster) && extra.equals(other.extra);
    }

    @Override
    public int hashCode() {
        return Objects.hash(models, framework, cluster, extra);
    }

    @Override
    public String toString() {
        return "JobInfo[Models=" + models + ", Framework=" + framework + ", Cluster=" + cluster + ", " + extra + "]";
    }
}
