package io.inferencegateway.deployment;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the code decides and the deployment files must follow: main classes, ports, probe paths, stop times.
 * docker-compose.yml names its services and deployment/kubernetes its Deployments after the roles.
 */
final class Expected {

    /** One process of the image: its main class, its HTTP port and probe paths. */
    record Role(String name, String mainClass, int port, String liveness, String readiness) {
    }

    static final Role GATEWAY = new Role("gateway-http", "io.inferencegateway.gateway.GatewayMain", 8080,
            "/resource_server/health", "/resource_server/ready");
    static final Role WORKER = new Role("batch-worker", "io.inferencegateway.worker.BatchWorkerMain", 9400,
            "/health", "/ready");
    static final Role SIMULATED = new Role("simulated-backend",
            "io.inferencegateway.simulated.SimulatedBackendServer", 8000, "/health", "/health");

    /** The roles that run our image. */
    static final List<Role> IMAGE_ROLES = List.of(GATEWAY, WORKER, SIMULATED);

    /** The two roles compose and Kubernetes both run, whose environments must agree. */
    static final List<Role> CORE_ROLES = List.of(GATEWAY, WORKER);

    static final String WORKER_METRICS_PATH = "/metrics";
    static final String BACKLOG_METRIC = "batch_worker_lines_backlog";

    /** A worker may take up to 30 s to stop; its stop grace period must allow that with margin. */
    static final Duration WORKER_STOP_GRACE = Duration.ofSeconds(45);

    /** At most this share of a container's memory limit may go to the heap. */
    static final double MAX_HEAP_SHARE = 0.75;

    /** The connection budget: pools + ADMIN_CONNECTIONS ≤ max_connections − SUPERUSER_RESERVED. */
    static final int SUPERUSER_RESERVED = 3;
    static final int ADMIN_CONNECTIONS = 5;
    /** The worked example of docs/DEPLOYMENT.md: this many workers and gateways must fit compose's PostgreSQL. */
    static final int EXAMPLE_WORKERS = 20;
    static final int EXAMPLE_GATEWAYS = 2;

    static final String IMAGE_REPOSITORY = "inference-gateway";
    static final int IMAGE_UID = 10001;

    /**
     * Variables one platform gives a role and the other does not (docs/DEPLOYMENT.md, "Compose and Kubernetes"):
     * the development key exists in compose only, off unless GATEWAY_DEV_API_KEY is set.
     */
    static final Map<String, Set<String>> COMPOSE_ONLY = Map.of(
            GATEWAY.name(), Set.of("GATEWAY_DEV_API_KEY"),
            WORKER.name(), Set.of());
    static final Map<String, Set<String>> KUBERNETES_ONLY = Map.of(
            GATEWAY.name(), Set.of(),
            WORKER.name(), Set.of());

    /** Variables present on both platforms whose values name platform-specific things (hosts, mount paths). */
    static final Set<String> PLATFORM_VALUES = Set.of("GATEWAY_DB_URL", "GATEWAY_KAFKA_BOOTSTRAP_SERVERS",
            "GATEWAY_DB_PASSWORD_FILE", "GATEWAY_KEY_HASH_SECRET_FILE", "SIMULATED_BACKEND_URL");

    private Expected() {
    }
}
