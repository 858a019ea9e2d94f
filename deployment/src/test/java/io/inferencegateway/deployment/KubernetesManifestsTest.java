package io.inferencegateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** deployment/kubernetes: what kustomize builds, how pods run, stop, scale and are disrupted. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KubernetesManifestsTest {

    private static final String SECRET_EXAMPLE = "secret.example.yaml";
    private static final String STRIMZI = "strimzi-kafka.yaml";
    private static final String FIXTURES_CONFIG_MAP = "gateway-fixtures";
    private static final String KEDA = "components/keda";

    private final Manifests manifests = Manifests.load();

    @Test
    void theKustomizationBuildsFromFilesThatExist() {
        JsonNode kustomization = manifests.kustomization("kustomization.yaml");
        List<String> resources = texts(kustomization.path("resources"));

        assertThat(kustomization.path("namespace").asText()).as("kustomization.yaml namespace")
                .isEqualTo(Manifests.NAMESPACE);
        assertThat(resources).as("kustomization.yaml resources")
                .contains("gateway-http.yaml", "batch-worker.yaml", "config.yaml")
                .doesNotContain(SECRET_EXAMPLE, STRIMZI);
        for (String resource : resources) {
            assertThat(manifests.all()).as("resource %s parses to at least one object", resource)
                    .anyMatch(m -> m.file().equals(resource));
        }
        manifests.kustomizations().forEach((file, node) -> {
            Path directory = Repository.path(Manifests.DIRECTORY).resolve(file).getParent();
            for (String listed : texts(node.path("resources"))) {
                assertThat(directory.resolve(listed)).as("%s lists %s", file, listed).exists();
            }
            for (String component : texts(node.path("components"))) {
                assertThat(directory.resolve(component).resolve("kustomization.yaml"))
                        .as("%s lists component %s", file, component).exists();
            }
        });
    }

    @Test
    void optionalPartsAreComponents() {
        for (String component : List.of(KEDA, "components/prometheus-operator", "components/simulated-backend")) {
            JsonNode kustomization = manifests.kustomization(component + "/kustomization.yaml");

            assertThat(kustomization.path("kind").asText()).as("%s kind", component).isEqualTo("Component");
            assertThat(Repository.read(Manifests.DIRECTORY + "/kustomization.yaml"))
                    .as("kustomization.yaml tells how to enable %s", component).contains(component);
        }
    }

    @Test
    void theFixturesConfigMapHoldsTheRepositoryFixtures() throws Exception {
        JsonNode generator = generator(FIXTURES_CONFIG_MAP);
        Path directory = Repository.path(Manifests.DIRECTORY);
        List<String> files = texts(generator.path("files"));

        assertThat(files).as("configMapGenerator %s files", FIXTURES_CONFIG_MAP)
                .containsExactlyInAnyOrder("fixtures/clusters.json", "fixtures/endpoints.json");
        for (String file : files) {
            assertThat(Files.readString(directory.resolve(file)))
                    .as("%s/%s must equal the repository's %s (copy it again after changing fixtures/)",
                            Manifests.DIRECTORY, file, file)
                    .isEqualTo(Repository.read(file));
        }
        Deployment gateway = manifests.deployment(Expected.GATEWAY.name());
        Volume fixtures = volumeMountedAt(gateway, manifests.environment(gateway).get("GATEWAY_FIXTURES"));
        assertThat(fixtures.getConfigMap()).as("the volume at GATEWAY_FIXTURES is a ConfigMap").isNotNull();
        assertThat(fixtures.getConfigMap().getName()).isEqualTo(FIXTURES_CONFIG_MAP);
    }

    @Test
    void podsRunAsTheImagesNonRootUserWithNothingExtra() {
        for (Manifests.Manifest manifest : manifests.ofKind("Deployment")) {
            Deployment deployment = (Deployment) manifest.object();
            String name = deployment.getMetadata().getName();
            PodSpec pod = Manifests.pod(deployment);
            PodSecurityContext podSecurity = pod.getSecurityContext();

            assertThat(podSecurity).as("%s: pod securityContext", name).isNotNull();
            assertThat(podSecurity.getRunAsNonRoot()).as("%s: runAsNonRoot", name).isTrue();
            assertThat(podSecurity.getRunAsUser()).as("%s: runAsUser (the Dockerfile's USER)", name)
                    .isEqualTo((long) Expected.IMAGE_UID);
            assertThat(podSecurity.getSeccompProfile().getType()).as("%s: seccompProfile", name)
                    .isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).as("%s: automountServiceAccountToken", name).isFalse();
            assertThat(pod.getEnableServiceLinks())
                    .as("%s: enableServiceLinks (service links inject GATEWAY_HTTP_PORT=tcp://... and the like)", name)
                    .isFalse();
            for (Container container : pod.getContainers()) {
                SecurityContext security = container.getSecurityContext();
                assertThat(security).as("%s/%s: securityContext", name, container.getName()).isNotNull();
                assertThat(security.getAllowPrivilegeEscalation()).as("%s: allowPrivilegeEscalation", name).isFalse();
                assertThat(security.getReadOnlyRootFilesystem()).as("%s: readOnlyRootFilesystem", name).isTrue();
                assertThat(security.getCapabilities().getDrop()).as("%s: capabilities.drop", name).contains("ALL");
                assertThat(container.getVolumeMounts()).as("%s: a writable /tmp on a read-only root", name)
                        .anyMatch(mount -> mount.getMountPath().equals("/tmp"));
            }
        }
        Namespace namespace = manifests.get(Namespace.class, "Namespace", Manifests.NAMESPACE);
        assertThat(namespace.getMetadata().getLabels()).as("namespace Pod Security admission")
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    }

    @Test
    void deploymentsRunTheRolesMainClasses() {
        for (Expected.Role role : Expected.IMAGE_ROLES) {
            Container container = Manifests.container(manifests.deployment(role.name()));

            assertThat(container.getCommand()).as("%s: command would replace the image's java entrypoint", role.name())
                    .isNullOrEmpty();
            assertThat(container.getArgs()).as("%s: args", role.name()).first().isEqualTo(role.mainClass());
        }
    }

    @Test
    void podsHaveTimeToStartAndToStop() {
        int startupTimeout = Integer.parseInt(manifests.configMap("gateway-config").getData()
                .get("GATEWAY_STARTUP_TIMEOUT_SECONDS"));
        for (Expected.Role role : Expected.CORE_ROLES) {
            Deployment deployment = manifests.deployment(role.name());
            var startup = Manifests.container(deployment).getStartupProbe();
            int window = startup.getPeriodSeconds() * startup.getFailureThreshold()
                    + (startup.getInitialDelaySeconds() == null ? 0 : startup.getInitialDelaySeconds());

            assertThat(window).as("%s: startupProbe period x failureThreshold must outlast "
                    + "GATEWAY_STARTUP_TIMEOUT_SECONDS (%d s), or the kubelet kills a process that is still waiting "
                    + "for its servers", role.name(), startupTimeout).isGreaterThan(startupTimeout);
        }
        Deployment worker = manifests.deployment(Expected.WORKER.name());
        assertThat(Manifests.pod(worker).getTerminationGracePeriodSeconds())
                .as("batch-worker: terminationGracePeriodSeconds (in-flight lines get up to 30 s)")
                .isGreaterThanOrEqualTo(Expected.WORKER_STOP_GRACE.toSeconds());
    }

    @Test
    void thePodDisruptionBudgetCoversTheGatewayPodsOnly() {
        PodDisruptionBudget budget = manifests.get(PodDisruptionBudget.class, "PodDisruptionBudget",
                Expected.GATEWAY.name());
        Map<String, String> selector = budget.getSpec().getSelector().getMatchLabels();
        Map<String, String> gatewayPods = labels(manifests.deployment(Expected.GATEWAY.name()));
        Map<String, String> workerPods = labels(manifests.deployment(Expected.WORKER.name()));

        assertThat(selector).as("PodDisruptionBudget selector").isNotEmpty();
        assertThat(gatewayPods).as("gateway-http pod labels vs the PodDisruptionBudget selector")
                .containsAllEntriesOf(selector);
        assertThat(workerPods.entrySet().containsAll(selector.entrySet()))
                .as("the gateway's PodDisruptionBudget must not select worker pods").isFalse();
        assertThat(budget.getSpec().getMaxUnavailable()).as("maxUnavailable (a lone replica never blocks a drain)")
                .isNotNull();
    }

    @Test
    void theGatewayServiceSelectsTheGatewayPods() {
        Service service = manifests.get(Service.class, "Service", Expected.GATEWAY.name());

        assertThat(labels(manifests.deployment(Expected.GATEWAY.name())))
                .as("gateway-http pod labels vs the Service selector")
                .containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(labels(manifests.deployment(Expected.WORKER.name())).entrySet()
                .containsAll(service.getSpec().getSelector().entrySet()))
                .as("the gateway Service must not select worker pods").isFalse();
    }

    @Test
    void kedaScalesTheWorkersOnTheGroupsBacklog() {
        GenericKubernetesResource scaledObject = manifests.custom("ScaledObject", Expected.WORKER.name());
        JsonNode spec = Manifests.spec(scaledObject);
        Deployment worker = manifests.deployment(Expected.WORKER.name());

        assertThat(scaledObject.getApiVersion()).as("ScaledObject apiVersion").isEqualTo("keda.sh/v1alpha1");
        assertThat(spec.path("scaleTargetRef").path("name").asText()).as("ScaledObject scaleTargetRef.name")
                .isEqualTo(worker.getMetadata().getName());
        assertThat(spec.path("scaleTargetRef").path("kind").asText("Deployment")).isEqualTo("Deployment");
        assertThat(spec.path("minReplicaCount").asInt(0))
                .as("minReplicaCount: never zero, workers also fan submissions out into lines").isPositive();
        JsonNode trigger = spec.path("triggers").get(0);
        assertThat(trigger.path("type").asText()).as("trigger type (share groups are invisible to the Kafka "
                + "scaler)").isEqualTo("prometheus");
        String query = trigger.path("metadata").path("query").asText().replace(" ", "");
        assertThat(query).as("trigger query").startsWith("max(").contains(Expected.BACKLOG_METRIC)
                .doesNotContain("sum(");
        assertThat(trigger.path("metadata").path("threshold").asText()).as("trigger threshold").isNotBlank();
    }

    @Test
    void kedaOwnsTheWorkerReplicasOnceEnabled() {
        JsonNode kustomization = manifests.kustomization(KEDA + "/kustomization.yaml");
        JsonNode patch = kustomization.path("patches").get(0);
        List<JsonNode> operations = Yaml.documents(patch.path("patch").asText(), KEDA + " patch").stream()
                .flatMap(node -> node.isArray() ? toList(node).stream() : List.of(node).stream())
                .toList();

        assertThat(patch.path("target").path("name").asText()).isEqualTo(Expected.WORKER.name());
        assertThat(operations).as("%s removes spec.replicas of batch-worker (the HPA sets it)", KEDA)
                .anyMatch(op -> op.path("op").asText().equals("remove")
                        && op.path("path").asText().equals("/spec/replicas"));
    }

    @Test
    void secretsAreReadAsFilesFromTheExampleSecretsKeys() {
        Secret example = manifests.get(Secret.class, "Secret", "gateway-secrets");
        Set<String> keys = new HashSet<>();
        if (example.getStringData() != null) {
            keys.addAll(example.getStringData().keySet());
        }
        if (example.getData() != null) {
            keys.addAll(example.getData().keySet());
        }
        assertThat(manifests.find("Secret", "gateway-secrets").file()).isEqualTo(SECRET_EXAMPLE);
        for (Expected.Role role : Expected.CORE_ROLES) {
            Deployment deployment = manifests.deployment(role.name());
            String file = manifests.environment(deployment).get("GATEWAY_DB_PASSWORD_FILE");
            assertThat(file).as("%s: GATEWAY_DB_PASSWORD_FILE", role.name()).isNotBlank();
            Path path = Path.of(file);
            Volume volume = volumeMountedAt(deployment, path.getParent().toString());

            assertThat(volume.getSecret()).as("%s: %s is on a Secret volume", role.name(), file).isNotNull();
            assertThat(volume.getSecret().getSecretName()).as("%s: Secret name", role.name())
                    .isEqualTo(example.getMetadata().getName());
            assertThat(volume.getSecret().getDefaultMode()).as("%s: Secret defaultMode", role.name()).isNotNull();
            assertThat(volume.getSecret().getDefaultMode() & 0007)
                    .as("%s: the Secret's files are not readable by others (defaultMode %s)", role.name(),
                            Integer.toOctalString(volume.getSecret().getDefaultMode()))
                    .isZero();
            assertThat(keys).as("%s: secret.example.yaml must show the key %s reads", role.name(), file)
                    .contains(path.getFileName().toString());
            assertThat(manifests.environment(deployment)).as("%s: no password in the environment", role.name())
                    .doesNotContainKey("GATEWAY_DB_PASSWORD");
        }
    }

    @Test
    void noPasswordIsWrittenInTheManifestsOutsideTheExampleSecret() {
        Pattern sensitive = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|API_KEY).*");
        List<String> plain = new ArrayList<>();
        for (Manifests.Manifest manifest : manifests.ofKind("ConfigMap")) {
            ((ConfigMap) manifest.object()).getData().keySet().stream()
                    .filter(key -> sensitive.matcher(key).matches())
                    .forEach(key -> plain.add(manifest.file() + ": ConfigMap key " + key));
        }
        for (Manifests.Manifest manifest : manifests.ofKind("Deployment")) {
            for (Container container : Manifests.pod((Deployment) manifest.object()).getContainers()) {
                if (container.getEnv() != null) {
                    container.getEnv().stream()
                            .filter(env -> sensitive.matcher(env.getName()).matches() && !env.getName().endsWith("_FILE")
                                    && env.getValue() != null)
                            .forEach(env -> plain.add(manifest.file() + ": env " + env.getName()));
                }
            }
        }

        assertThat(plain).as("secrets belong in the Secret, read as files (NAME_FILE)").isEmpty();
        assertThat(Repository.read(Manifests.DIRECTORY + "/" + SECRET_EXAMPLE))
                .as("secret.example.yaml marks its values as to be replaced").contains("REPLACE");
    }

    @Test
    void strimziOptionMatchesTheConfigMap() {
        GenericKubernetesResource kafka = manifests.ofKind("Kafka").stream()
                .map(m -> (GenericKubernetesResource) m.object()).findFirst().orElseThrow();
        String name = kafka.getMetadata().getName();
        JsonNode listeners = Manifests.spec(kafka).path("kafka").path("listeners");
        String bootstrap = manifests.configMap("gateway-config").getData().get("GATEWAY_KAFKA_BOOTSTRAP_SERVERS");
        Matcher matcher = Pattern.compile("([a-z0-9-]+)-kafka-bootstrap(\\.[a-z0-9-]+)?(\\.svc)?:(\\d+)")
                .matcher(bootstrap);

        assertThat(manifests.find("Kafka", name).file()).isEqualTo(STRIMZI);
        assertThat(kafka.getApiVersion()).as("Strimzi API").startsWith("kafka.strimzi.io/");
        assertThat(matcher.matches()).as("GATEWAY_KAFKA_BOOTSTRAP_SERVERS names Strimzi's bootstrap Service: %s",
                bootstrap).isTrue();
        assertThat(matcher.group(1)).as("bootstrap Service of Kafka %s", name).isEqualTo(name);
        assertThat(toList(listeners)).as("a plain listener on the bootstrap port")
                .anyMatch(l -> l.path("port").asText().equals(matcher.group(4)) && !l.path("tls").asBoolean());
        Set<String> roles = new HashSet<>();
        for (Manifests.Manifest pool : manifests.ofKind("KafkaNodePool")) {
            GenericKubernetesResource nodePool = (GenericKubernetesResource) pool.object();
            assertThat(nodePool.getMetadata().getLabels()).as("KafkaNodePool %s cluster label",
                    nodePool.getMetadata().getName()).containsEntry("strimzi.io/cluster", name);
            Manifests.spec(nodePool).path("roles").forEach(role -> roles.add(role.asText()));
        }
        assertThat(roles).as("KRaft node pools' roles").contains("controller", "broker");
    }

    private JsonNode generator(String name) {
        for (JsonNode generator : manifests.kustomization("kustomization.yaml").path("configMapGenerator")) {
            if (generator.path("name").asText().equals(name)) {
                return generator;
            }
        }
        throw new AssertionError("kustomization.yaml has no configMapGenerator named " + name);
    }

    private static Volume volumeMountedAt(Deployment deployment, String path) {
        Container container = Manifests.container(deployment);
        VolumeMount mount = container.getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals(path))
                .findFirst()
                .orElseThrow(() -> new AssertionError(deployment.getMetadata().getName() + " mounts nothing at "
                        + path));
        return Manifests.pod(deployment).getVolumes().stream()
                .filter(v -> v.getName().equals(mount.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(deployment.getMetadata().getName() + " has no volume "
                        + mount.getName()));
    }

    private static Map<String, String> labels(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getLabels();
    }

    private static List<String> texts(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(item -> items.add(item.asText()));
        return items;
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }
}
