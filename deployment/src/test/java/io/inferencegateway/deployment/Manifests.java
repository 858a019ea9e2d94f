package io.inferencegateway.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything under deployment/kubernetes, read by fabric8's Kubernetes model: typed objects for the built-in
 * kinds, {@link GenericKubernetesResource} for custom ones (KEDA, Strimzi, Prometheus Operator). Kustomize's own
 * files are read as plain YAML.
 */
final class Manifests {

    static final String DIRECTORY = "deployment/kubernetes";
    static final String NAMESPACE = "inference-gateway";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** One object and the file it came from, relative to {@link #DIRECTORY}. */
    record Manifest(String file, HasMetadata object) {
    }

    private final List<Manifest> manifests;
    private final Map<String, JsonNode> kustomizations;

    private Manifests(List<Manifest> manifests, Map<String, JsonNode> kustomizations) {
        this.manifests = manifests;
        this.kustomizations = kustomizations;
    }

    static Manifests load() {
        Path directory = Repository.path(DIRECTORY);
        List<Manifest> manifests = new ArrayList<>();
        Map<String, JsonNode> kustomizations = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList()) {
                String relative = directory.relativize(file).toString().replace('\\', '/');
                String text = Files.readString(file);
                if (file.getFileName().toString().startsWith("kustomization.")) {
                    kustomizations.put(relative, Yaml.document(text, DIRECTORY + "/" + relative));
                    continue;
                }
                for (HasMetadata object : parse(text, relative)) {
                    manifests.add(new Manifest(relative, object));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + directory, e);
        }
        return new Manifests(List.copyOf(manifests), Map.copyOf(kustomizations));
    }

    private static List<HasMetadata> parse(String text, String file) {
        Object parsed;
        try {
            parsed = SERIALIZATION.unmarshal(text);
        } catch (RuntimeException e) {
            throw new AssertionError(DIRECTORY + "/" + file + " is not valid Kubernetes YAML: " + e.getMessage(), e);
        }
        List<HasMetadata> objects = new ArrayList<>();
        if (parsed instanceof List<?> list) {
            for (Object item : list) {
                objects.add(object(item, file));
            }
        } else if (parsed != null) {
            objects.add(object(parsed, file));
        }
        return objects;
    }

    private static HasMetadata object(Object parsed, String file) {
        if (parsed instanceof HasMetadata object) {
            if (object.getMetadata() == null || object.getMetadata().getName() == null) {
                throw new AssertionError(DIRECTORY + "/" + file + ": a " + object.getKind() + " without a name");
            }
            return object;
        }
        throw new AssertionError(DIRECTORY + "/" + file + " holds something that is not a Kubernetes object: "
                + (parsed instanceof KubernetesResource ? parsed.getClass().getSimpleName() : parsed));
    }

    List<Manifest> all() {
        return manifests;
    }

    /** kustomization.yaml files by path relative to {@link #DIRECTORY}. */
    Map<String, JsonNode> kustomizations() {
        return kustomizations;
    }

    JsonNode kustomization(String relative) {
        JsonNode kustomization = kustomizations.get(relative);
        if (kustomization == null) {
            throw new AssertionError("No " + DIRECTORY + "/" + relative + "; there are " + kustomizations.keySet());
        }
        return kustomization;
    }

    Manifest find(String kind, String name) {
        return manifests.stream()
                .filter(m -> m.object().getKind().equals(kind) && m.object().getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No " + kind + " named " + name + " under " + DIRECTORY));
    }

    <T extends HasMetadata> T get(Class<T> type, String kind, String name) {
        HasMetadata object = find(kind, name).object();
        if (!type.isInstance(object)) {
            throw new AssertionError(kind + " " + name + " was read as " + object.getClass().getName()
                    + ", not " + type.getName() + ": check its apiVersion");
        }
        return type.cast(object);
    }

    List<Manifest> ofKind(String kind) {
        return manifests.stream().filter(m -> m.object().getKind().equals(kind)).toList();
    }

    Deployment deployment(String name) {
        return get(Deployment.class, "Deployment", name);
    }

    ConfigMap configMap(String name) {
        return get(ConfigMap.class, "ConfigMap", name);
    }

    GenericKubernetesResource custom(String kind, String name) {
        return get(GenericKubernetesResource.class, kind, name);
    }

    static PodSpec pod(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec();
    }

    /** The Deployment's container named like the Deployment (its main one). */
    static Container container(Deployment deployment) {
        String name = deployment.getMetadata().getName();
        return pod(deployment).getContainers().stream()
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("Deployment " + name + " has no container named " + name));
    }

    /**
     * The environment the container sees, as names and literal values: its ConfigMaps (envFrom), then its own
     * {@code env} (which wins). A value from a Secret or field reference is shown as {@code <from ...>}.
     */
    Map<String, String> environment(Deployment deployment) {
        Container container = container(deployment);
        Map<String, String> variables = new LinkedHashMap<>();
        if (container.getEnvFrom() != null) {
            container.getEnvFrom().forEach(source -> {
                if (source.getConfigMapRef() != null) {
                    ConfigMap configMap = configMap(source.getConfigMapRef().getName());
                    String prefix = source.getPrefix() == null ? "" : source.getPrefix();
                    configMap.getData().forEach((key, value) -> variables.put(prefix + key, value));
                } else {
                    throw new AssertionError("Deployment " + deployment.getMetadata().getName()
                            + " takes environment from something other than a ConfigMap: " + source);
                }
            });
        }
        if (container.getEnv() != null) {
            container.getEnv().forEach(variable -> variables.put(variable.getName(),
                    variable.getValueFrom() == null ? String.valueOf(variable.getValue())
                            : "<from " + variable.getValueFrom() + ">"));
        }
        return variables;
    }

    /** The spec of a custom resource as a Jackson 2 tree (fabric8 keeps it as maps). */
    static JsonNode spec(GenericKubernetesResource resource) {
        return JsonTrees.of(resource.getAdditionalProperties().get("spec"));
    }
}
