package io.inferencegateway.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.BaseCluster;
import io.inferencegateway.spi.BaseEndpoint;
import io.inferencegateway.spi.ClusterDefinition;
import io.inferencegateway.spi.EndpointDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code clusters.json} and {@code endpoints.json} in FIRST's fixture format
 * ({@code [{"model": "...", "pk": N, "fields": {...}}]}) and checks everything that can be checked before an
 * adaptor is built: types, required fields, duplicates, references between the files, and that each adaptor
 * class exists, is of the right kind and has the constructor the registry calls.
 */
public final class FixtureLoader {

    /** FIRST's defaults for the token limits (migration 0012). */
    static final int DEFAULT_TPM_MODEL = 100_000;
    static final int DEFAULT_TPM_USER = 60_000;

    private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final AdaptorClasses classes;

    public FixtureLoader(AdaptorClasses classes) {
        this.classes = classes;
    }

    /** Loads {@code clusters.json} and {@code endpoints.json} from a fixtures directory. */
    public Definitions load(Path fixturesDir) {
        return load(fixturesDir.resolve("clusters.json"), fixturesDir.resolve("endpoints.json"));
    }

    public Definitions load(Path clustersFile, Path endpointsFile) {
        Map<String, ClusterDefinition> clusters = new LinkedHashMap<>();
        Map<String, FixtureSource> clusterSources = new HashMap<>();
        for (FieldReader entry : entries(clustersFile, "cluster")) {
            ClusterDefinition cluster = cluster(entry);
            FixtureSource earlier = clusterSources.putIfAbsent(cluster.clusterName(), entry.source());
            if (earlier != null) {
                throw FixtureException.at(entry.source(), "cluster_name", "duplicate cluster '"
                        + cluster.clusterName() + "', already defined at " + earlier.describe());
            }
            clusters.put(cluster.clusterName(), cluster);
        }

        List<EndpointDefinition> endpoints = new ArrayList<>();
        Map<String, FixtureSource> endpointSources = new HashMap<>();
        Map<String, FixtureSource> byRoute = new HashMap<>();
        for (FieldReader entry : entries(endpointsFile, "endpoint")) {
            EndpointDefinition endpoint = endpoint(entry);
            ClusterDefinition cluster = clusters.get(endpoint.cluster());
            if (cluster == null) {
                throw FixtureException.at(entry.source(), "cluster", "unknown cluster '" + endpoint.cluster()
                        + "'; " + clustersFile.getFileName() + " defines " + clusters.keySet());
            }
            if (!cluster.frameworks().contains(endpoint.framework())) {
                throw FixtureException.at(entry.source(), "framework", "framework '" + endpoint.framework()
                        + "' is not listed by cluster '" + cluster.clusterName() + "', which lists "
                        + cluster.frameworks());
            }
            String route = endpoint.cluster() + '\n' + endpoint.framework() + '\n'
                    + EndpointSlug.normalizeModel(endpoint.model());
            FixtureSource earlier = byRoute.putIfAbsent(route, entry.source());
            if (earlier != null) {
                throw FixtureException.at(entry.source(), "model", "model '" + endpoint.model()
                        + "' is already served by framework '" + endpoint.framework() + "' on cluster '"
                        + endpoint.cluster() + "' at " + earlier.describe()
                        + " (model names are compared case-insensitively)");
            }
            earlier = endpointSources.putIfAbsent(endpoint.endpointSlug(), entry.source());
            if (earlier != null) {
                throw FixtureException.at(entry.source(), "endpoint_slug", "duplicate slug '"
                        + endpoint.endpointSlug() + "', already used at " + earlier.describe());
            }
            endpoints.add(endpoint);
        }
        return new Definitions(List.copyOf(clusters.values()), endpoints, clusterSources, endpointSources);
    }

    private ClusterDefinition cluster(FieldReader entry) {
        String name = entry.requiredString("cluster_name");
        if (!CLUSTER_NAME.matcher(name).matches()) {
            throw FixtureException.at(entry.source(), "cluster_name", "'" + name
                    + "' is not usable in a URL path: use letters, digits, '.', '_' and '-'");
        }
        String adapter = entry.requiredString("cluster_adapter");
        classes.check(entry.source(), "cluster_adapter", adapter, BaseCluster.class, ClusterDefinition.class);
        List<String> openaiEndpoints = entry.stringList("openai_endpoints", false);
        for (int i = 0; i < openaiEndpoints.size(); i++) {
            String route = openaiEndpoints.get(i);
            if (route.startsWith("/") || route.endsWith("/")) {
                throw FixtureException.at(entry.source(), "openai_endpoints[" + i + "]", "'" + route
                        + "' must neither start nor end with '/', e.g. \"chat/completions\"");
            }
        }
        return new ClusterDefinition(entry.source().pk(), name, adapter, entry.stringList("frameworks", true),
                openaiEndpoints, entry.stringList("allowed_globus_groups", false),
                entry.stringList("allowed_domains", false), entry.config());
    }

    private EndpointDefinition endpoint(FieldReader entry) {
        String cluster = entry.requiredString("cluster");
        String framework = entry.requiredString("framework");
        String model = entry.requiredString("model");
        String adapter = entry.requiredString("endpoint_adapter");
        classes.check(entry.source(), "endpoint_adapter", adapter, BaseEndpoint.class, EndpointDefinition.class);
        String slug = entry.optionalString("endpoint_slug");
        return new EndpointDefinition(entry.source().pk(),
                slug != null ? slug : EndpointSlug.of(cluster, framework, model),
                cluster, framework, model, adapter,
                entry.stringList("allowed_globus_groups", false), entry.stringList("allowed_domains", false),
                entry.nonNegativeInt("tpm_model", DEFAULT_TPM_MODEL), entry.nonNegativeInt("tpm_user", DEFAULT_TPM_USER),
                entry.config());
    }

    private static List<FieldReader> entries(Path file, String kind) {
        String name = file.toString();
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new FixtureException(name + ": file not found");
        } catch (JsonProcessingException e) {
            throw new FixtureException(name + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new FixtureException(name + ": cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new FixtureException(name + ": must be a JSON array of {\"model\", \"pk\", \"fields\"} entries");
        }
        List<FieldReader> entries = new ArrayList<>(root.size());
        Set<Long> pks = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            FixtureSource unnamed = new FixtureSource(name, i + 1, -1);
            if (!entry.isObject()) {
                throw new FixtureException(unnamed.describe() + ": must be an object, found "
                        + FieldReader.describe(entry));
            }
            JsonNode pk = entry.get("pk");
            if (pk == null || !pk.isIntegralNumber() || !pk.canConvertToLong()) {
                throw FixtureException.at(unnamed, "pk", "must be a whole number, found " + FieldReader.describe(pk));
            }
            FixtureSource source = new FixtureSource(name, i + 1, pk.asLong());
            if (!pks.add(pk.asLong())) {
                throw FixtureException.at(source, "pk", "duplicate primary key " + pk.asLong());
            }
            JsonNode model = entry.get("model");
            if (model != null && !(model.isTextual() && model.asText().endsWith("." + kind))) {
                throw FixtureException.at(source, "model", "expected a " + kind
                        + " entry (e.g. \"resource_server_async." + kind + "\"), found " + FieldReader.describe(model));
            }
            JsonNode fields = entry.get("fields");
            if (fields == null || !fields.isObject()) {
                throw FixtureException.at(source, "fields", "must be an object, found " + FieldReader.describe(fields));
            }
            entries.add(new FieldReader(source, fields));
        }
        return entries;
    }
}
