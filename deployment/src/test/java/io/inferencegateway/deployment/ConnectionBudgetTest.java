package io.inferencegateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The PostgreSQL connection budget of docs/DEPLOYMENT.md: gateways × gateway pool + workers × worker pool + 5
 * (admin commands, migrations) ≤ max_connections − 3 (superuser_reserved_connections).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionBudgetTest {

    private static final Pattern SETTING = Pattern.compile("(max_connections|superuser_reserved_connections)=(\\d+)");

    private final Compose compose = Compose.load();

    @Test
    void composesPostgresHoldsTheWorkedExample() {
        int available = available();
        int gatewayPool = pool(compose.service(Expected.GATEWAY.name()));
        int workerPool = pool(compose.service(Expected.WORKER.name()));
        int needed = Expected.EXAMPLE_GATEWAYS * gatewayPool + Expected.EXAMPLE_WORKERS * workerPool
                + Expected.ADMIN_CONNECTIONS;

        assertThat(needed)
                .as("%d gateways x %d + %d workers x %d + %d must fit max_connections - reserved = %d",
                        Expected.EXAMPLE_GATEWAYS, gatewayPool, Expected.EXAMPLE_WORKERS, workerPool,
                        Expected.ADMIN_CONNECTIONS, available)
                .isLessThanOrEqualTo(available);
    }

    @Test
    void kubernetesAtItsLargestFitsTheSamePostgres() {
        Manifests manifests = Manifests.load();
        Deployment gateway = manifests.deployment(Expected.GATEWAY.name());
        Deployment worker = manifests.deployment(Expected.WORKER.name());
        int gateways = gateway.getSpec().getReplicas() + surge(gateway, gateway.getSpec().getReplicas());
        var scaledObject = Manifests.spec(manifests.custom("ScaledObject", Expected.WORKER.name()));
        int mostWorkers = Math.max(scaledObject.path("maxReplicaCount").asInt(), worker.getSpec().getReplicas());
        int workers = mostWorkers + surge(worker, mostWorkers);
        int gatewayPool = Integer.parseInt(manifests.environment(gateway).get("GATEWAY_DB_POOL_SIZE"));
        int workerPool = Integer.parseInt(manifests.environment(worker).get("GATEWAY_DB_POOL_SIZE"));
        int needed = gateways * gatewayPool + workers * workerPool + Expected.ADMIN_CONNECTIONS;

        assertThat(needed)
                .as("Kubernetes at most: %d gateways (replicas + maxSurge) x %d + %d workers (KEDA maxReplicaCount + "
                        + "maxSurge) x %d + %d must fit the PostgreSQL sized as in docker-compose.yml (%d usable)",
                        gateways, gatewayPool, workers, workerPool, Expected.ADMIN_CONNECTIONS, available())
                .isLessThanOrEqualTo(available());
    }

    @Test
    void poolSizesAreSetExplicitly() {
        for (Expected.Role role : Expected.CORE_ROLES) {
            assertThat(compose.service(role.name()).environment())
                    .as("%s: GATEWAY_DB_POOL_SIZE (the budget counts it)", role.name())
                    .containsKey("GATEWAY_DB_POOL_SIZE");
        }
    }

    private int available() {
        List<String> command = compose.service("postgres").command();
        Integer max = null;
        int reserved = Expected.SUPERUSER_RESERVED;
        for (String argument : command) {
            Matcher matcher = SETTING.matcher(argument);
            if (matcher.matches()) {
                if (matcher.group(1).equals("max_connections")) {
                    max = Integer.parseInt(matcher.group(2));
                } else {
                    reserved = Integer.parseInt(matcher.group(2));
                }
            }
        }
        assertThat(max).as("postgres command sets max_connections (-c max_connections=N): %s", command).isNotNull();
        return max - reserved;
    }

    private static int pool(Compose.Service service) {
        return Integer.parseInt(service.environment().get("GATEWAY_DB_POOL_SIZE"));
    }

    /** Extra pods a rolling update of {@code replicas} pods may add. */
    private static int surge(Deployment deployment, int replicas) {
        var strategy = deployment.getSpec().getStrategy();
        IntOrString surge = strategy == null || strategy.getRollingUpdate() == null ? null
                : strategy.getRollingUpdate().getMaxSurge();
        if (surge == null) {
            // Kubernetes' default, 25 %, rounded up.
            return (int) Math.ceil(replicas * 0.25);
        }
        if (surge.getIntVal() != null) {
            return surge.getIntVal();
        }
        int percent = Integer.parseInt(surge.getStrVal().replace("%", ""));
        return (int) Math.ceil(replicas * percent / 100.0);
    }
}
