package io.inferencegateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every container has a memory limit, and every JVM's heap leaves at least a quarter of it to what lives outside
 * the heap (metaspace, threads, direct buffers, the JIT): a heap sized to the limit gets the process killed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MemoryLimitsTest {

    @Test
    void everyComposeServiceHasAMemoryLimitItsHeapFits() {
        List<String> problems = new ArrayList<>();
        for (Compose.Service service : Compose.load().services()) {
            Optional<Long> limit = composeLimit(service);
            if (limit.isEmpty()) {
                problems.add(service.name() + ": no mem_limit (or deploy.resources.limits.memory)");
                continue;
            }
            Map<String, String> environment = service.environment();
            Optional<Long> heap = Sizes.maxHeap(environment.get("JAVA_TOOL_OPTIONS"))
                    .or(() -> Sizes.maxHeap(environment.get("KAFKA_HEAP_OPTS")));
            boolean ours = Expected.IMAGE_ROLES.stream().anyMatch(r -> r.name().equals(service.name()));
            if (ours && heap.isEmpty()) {
                problems.add(service.name() + ": JAVA_TOOL_OPTIONS sets no -Xmx");
            }
            heap.ifPresent(bytes -> checkHeap(service.name(), bytes, limit.get(), problems));
            String options = environment.getOrDefault("JAVA_TOOL_OPTIONS", "");
            if (options.contains("MaxRAMPercentage")) {
                problems.add(service.name() + ": MaxRAMPercentage instead of an -Xmx that fits the limit");
            }
        }

        assertThat(problems).as("docker-compose.yml memory limits and heaps").isEmpty();
    }

    @Test
    void everyKubernetesContainerHasAMemoryLimitItsHeapFits() {
        List<String> problems = new ArrayList<>();
        for (Manifests.Manifest manifest : Manifests.load().ofKind("Deployment")) {
            for (Container container : Manifests.pod((Deployment) manifest.object()).getContainers()) {
                String where = manifest.file() + " " + container.getName();
                ResourceRequirements resources = container.getResources();
                Quantity limit = resources == null || resources.getLimits() == null ? null
                        : resources.getLimits().get("memory");
                if (limit == null) {
                    problems.add(where + ": no resources.limits.memory");
                    continue;
                }
                long limitBytes = Quantity.getAmountInBytes(limit).longValueExact();
                Quantity request = resources.getRequests() == null ? null : resources.getRequests().get("memory");
                if (request == null || Quantity.getAmountInBytes(request).longValueExact() > limitBytes) {
                    problems.add(where + ": resources.requests.memory missing or above the limit");
                }
                String options = container.getEnv() == null ? null : container.getEnv().stream()
                        .filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS"))
                        .map(e -> e.getValue())
                        .findFirst().orElse(null);
                Optional<Long> heap = Sizes.maxHeap(options);
                if (heap.isEmpty()) {
                    problems.add(where + ": JAVA_TOOL_OPTIONS sets no -Xmx");
                }
                heap.ifPresent(bytes -> checkHeap(where, bytes, limitBytes, problems));
            }
        }

        assertThat(problems).as("deployment/kubernetes memory limits and heaps").isEmpty();
    }

    @Test
    void strimziNodesHeapsFitTheirLimits() {
        List<String> problems = new ArrayList<>();
        for (Manifests.Manifest manifest : Manifests.load().ofKind("KafkaNodePool")) {
            var spec = Manifests.spec((GenericKubernetesResource) manifest.object());
            String where = manifest.file() + " KafkaNodePool " + manifest.object().getMetadata().getName();
            String limit = spec.path("resources").path("limits").path("memory").asText("");
            Optional<Long> heap = Sizes.maxHeap("-Xmx" + spec.path("jvmOptions").path("-Xmx").asText(""));
            if (limit.isEmpty() || heap.isEmpty()) {
                problems.add(where + ": needs resources.limits.memory and jvmOptions.-Xmx");
                continue;
            }
            checkHeap(where, heap.get(), Quantity.getAmountInBytes(new Quantity(limit)).longValueExact(), problems);
        }

        assertThat(problems).as("strimzi-kafka.yaml node pools").isEmpty();
    }

    @Test
    void composeAndKubernetesGiveTheRolesTheSameMemory() {
        Compose compose = Compose.load();
        Manifests manifests = Manifests.load();
        for (Expected.Role role : Expected.CORE_ROLES) {
            long composeLimit = composeLimit(compose.service(role.name())).orElseThrow();
            Quantity kubernetesLimit = Manifests.container(manifests.deployment(role.name())).getResources()
                    .getLimits().get("memory");

            assertThat(Quantity.getAmountInBytes(kubernetesLimit).longValueExact())
                    .as("%s: memory limit in Kubernetes vs mem_limit in compose (the same JVM settings run in both)",
                            role.name())
                    .isEqualTo(composeLimit);
        }
    }

    private static Optional<Long> composeLimit(Compose.Service service) {
        return service.text("mem_limit")
                .or(() -> Optional.of(service.node().path("deploy").path("resources").path("limits").path("memory"))
                        .filter(n -> !n.isMissingNode()).map(n -> n.asText()))
                .map(Sizes::composeBytes);
    }

    private static void checkHeap(String where, long heap, long limit, List<String> problems) {
        if (heap > limit * Expected.MAX_HEAP_SHARE) {
            problems.add(where + ": -Xmx " + Sizes.mebibytes(heap) + " is more than "
                    + Math.round(Expected.MAX_HEAP_SHARE * 100) + " % of the " + Sizes.mebibytes(limit) + " limit");
        }
    }
}
