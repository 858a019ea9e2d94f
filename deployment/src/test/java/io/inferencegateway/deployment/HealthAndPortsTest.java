package io.inferencegateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ports and probe paths are the ones the code serves, and compose's health checks ask what Kubernetes' probes ask.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HealthAndPortsTest {

    private final Compose compose = Compose.load();
    private final Manifests manifests = Manifests.load();

    @Test
    void composeHealthChecksAskForReadinessOnTheRolesPorts() {
        for (Expected.Role role : Expected.IMAGE_ROLES) {
            URI url = healthcheckUrl(compose.service(role.name()));

            assertThat(url.getHost()).as("%s healthcheck host", role.name()).isEqualTo("127.0.0.1");
            assertThat(url.getPort()).as("%s healthcheck port", role.name()).isEqualTo(role.port());
            assertThat(url.getPath()).as("%s healthcheck path (readiness)", role.name()).isEqualTo(role.readiness());
        }
    }

    @Test
    void composeProcessesListenWhereTheirChecksLook() {
        Map<String, String> gateway = compose.service(Expected.GATEWAY.name()).environment();
        Map<String, String> worker = compose.service(Expected.WORKER.name()).environment();

        assertThat(gateway).as("gateway-http environment")
                .containsEntry("GATEWAY_PORT", String.valueOf(Expected.GATEWAY.port()))
                .containsEntry("GATEWAY_HOST", "0.0.0.0");
        assertThat(worker).as("batch-worker environment")
                .containsEntry("GATEWAY_WORKER_METRICS_PORT", String.valueOf(Expected.WORKER.port()))
                .containsEntry("GATEWAY_WORKER_METRICS_HOST", "0.0.0.0");
        assertThat(compose.service(Expected.GATEWAY.name()).node().path("ports").get(0).asText())
                .as("gateway-http publishes its container port").endsWith(":" + Expected.GATEWAY.port());
        assertThat(compose.service(Expected.SIMULATED.name()).command())
                .as("simulated-backend command").containsSubsequence("--host", "0.0.0.0")
                .containsSubsequence("--port", String.valueOf(Expected.SIMULATED.port()));
    }

    @Test
    void kubernetesProbesAskWhatTheCodeServes() {
        for (Expected.Role role : Expected.CORE_ROLES) {
            Deployment deployment = manifests.deployment(role.name());
            Container container = Manifests.container(deployment);

            assertProbe(container, container.getReadinessProbe(), role.readiness(), role, "readinessProbe");
            assertProbe(container, container.getLivenessProbe(), role.liveness(), role, "livenessProbe");
            assertProbe(container, container.getStartupProbe(), role.liveness(), role, "startupProbe");
        }
    }

    @Test
    void composeAndKubernetesCheckTheSameEndpoints() {
        for (Expected.Role role : Expected.CORE_ROLES) {
            Container container = Manifests.container(manifests.deployment(role.name()));
            URI composeCheck = healthcheckUrl(compose.service(role.name()));

            assertThat(composeCheck.getPath()).as("%s: compose healthcheck path vs Kubernetes readinessProbe",
                    role.name()).isEqualTo(container.getReadinessProbe().getHttpGet().getPath());
            assertThat(composeCheck.getPort()).as("%s: compose healthcheck port vs Kubernetes readinessProbe",
                    role.name()).isEqualTo(port(container, container.getReadinessProbe().getHttpGet().getPort()));
        }
    }

    @Test
    void kubernetesProcessesListenWhereTheirProbesLook() {
        Map<String, String> gateway = manifests.environment(manifests.deployment(Expected.GATEWAY.name()));
        Map<String, String> worker = manifests.environment(manifests.deployment(Expected.WORKER.name()));

        assertThat(gateway).as("gateway-http environment in Kubernetes")
                .containsEntry("GATEWAY_PORT", String.valueOf(Expected.GATEWAY.port()))
                .containsEntry("GATEWAY_HOST", "0.0.0.0");
        assertThat(worker).as("batch-worker environment in Kubernetes: metrics bound to every interface of the pod "
                        + "so that the kubelet and Prometheus reach them")
                .containsEntry("GATEWAY_WORKER_METRICS_PORT", String.valueOf(Expected.WORKER.port()))
                .containsEntry("GATEWAY_WORKER_METRICS_HOST", "0.0.0.0");
    }

    @Test
    void theGatewayServiceReachesTheGatewayPort() {
        Service service = manifests.get(Service.class, "Service", Expected.GATEWAY.name());
        Container container = Manifests.container(manifests.deployment(Expected.GATEWAY.name()));

        assertThat(service.getSpec().getPorts()).as("Service gateway-http ports").isNotEmpty()
                .allSatisfy(port -> assertThat(port(container, port.getTargetPort()))
                        .as("Service gateway-http targetPort").isEqualTo(Expected.GATEWAY.port()));
    }

    @Test
    void workersAreScrapedOnTheirMetricsPort() {
        Deployment worker = manifests.deployment(Expected.WORKER.name());
        Map<String, String> annotations = worker.getSpec().getTemplate().getMetadata().getAnnotations();

        assertThat(annotations).as("batch-worker pod annotations for Prometheus")
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", String.valueOf(Expected.WORKER.port()))
                .containsEntry("prometheus.io/path", Expected.WORKER_METRICS_PATH);
    }

    private static void assertProbe(Container container, Probe probe, String path, Expected.Role role, String kind) {
        assertThat(probe).as("%s: %s", role.name(), kind).isNotNull();
        assertThat(probe.getHttpGet()).as("%s: %s.httpGet", role.name(), kind).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as("%s: %s path", role.name(), kind).isEqualTo(path);
        assertThat(port(container, probe.getHttpGet().getPort())).as("%s: %s port", role.name(), kind)
                .isEqualTo(role.port());
    }

    /** A probe or Service port, by number or by the name of one of the container's ports. */
    private static int port(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream()
                .filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .orElseThrow(() -> new AssertionError("container " + container.getName() + " has no port named "
                        + port.getStrVal()));
    }

    private static URI healthcheckUrl(Compose.Service service) {
        return service.healthcheckTest().stream()
                .flatMap(part -> java.util.Arrays.stream(part.split("\\s+")))
                .filter(part -> part.startsWith("http://"))
                .map(URI::create)
                .findFirst()
                .orElseThrow(() -> new AssertionError(service + ": healthcheck names no http:// URL: "
                        + service.healthcheckTest()));
    }
}
