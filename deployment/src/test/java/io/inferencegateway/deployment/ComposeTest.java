package io.inferencegateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** docker-compose.yml is fit to leave running: restarts, health, start order, exposure, secrets, one image. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ComposeTest {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "::1", "[::1]", "localhost");
    private static final Pattern SENSITIVE = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|API_KEY|CREDENTIAL).*");
    /** A value that is only a substitution with nothing after {@code -} or {@code :-}: e.g. {@code ${KEY-}}. */
    private static final Pattern EMPTY_DEFAULT_SUBSTITUTION = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*:?-?}");

    private final Compose compose = Compose.load();

    @Test
    void runsTheProductionShape() {
        assertThat(compose.serviceNames())
                .as("docker-compose.yml services")
                .containsExactlyInAnyOrder("postgres", "kafka", "simulated-backend", "gateway-http", "batch-worker");
    }

    @Test
    void ourServicesShareOneImageBuiltOnce() {
        Map<String, String> images = new LinkedHashMap<>();
        List<String> built = new ArrayList<>();
        for (Expected.Role role : Expected.IMAGE_ROLES) {
            Compose.Service service = compose.service(role.name());
            images.put(role.name(), service.text("image").orElse("<none>"));
            if (service.node().has("build")) {
                built.add(role.name());
            }
        }

        assertThat(images.values()).as("the image of %s", images.keySet()).containsOnly(
                images.get(Expected.GATEWAY.name()));
        assertThat(images.get(Expected.GATEWAY.name())).startsWith(Expected.IMAGE_REPOSITORY + ":");
        assertThat(built).as("services with build: (one builds, the others reuse its tag)").hasSize(1);
    }

    @Test
    void everyServiceRestartsAndHasAHealthCheck() {
        for (Compose.Service service : compose.services()) {
            assertThat(service.text("restart")).as("%s: restart policy", service).hasValue("unless-stopped");
            assertThat(service.healthcheckTest()).as("%s: healthcheck.test", service).isNotEmpty();
        }
    }

    @Test
    void mainClassesMatchTheRoles() {
        for (Expected.Role role : Expected.IMAGE_ROLES) {
            assertThat(compose.service(role.name()).command())
                    .as("%s: command (the image's entrypoint is `java -cp /app/lib/*`)", role.name())
                    .first().isEqualTo(role.mainClass());
        }
    }

    @Test
    void servicesStartInOrderOfHealth() {
        Map<String, Map<String, String>> expected = Map.of(
                Expected.GATEWAY.name(), Map.of("postgres", "service_healthy", "kafka", "service_healthy"),
                Expected.WORKER.name(), Map.of("postgres", "service_healthy", "kafka", "service_healthy",
                        Expected.GATEWAY.name(), "service_healthy"));
        expected.forEach((name, conditions) -> {
            JsonNode dependsOn = compose.service(name).node().path("depends_on");
            conditions.forEach((dependency, condition) -> assertThat(
                    dependsOn.path(dependency).path("condition").asText())
                    .as("%s: depends_on.%s.condition", name, dependency)
                    .isEqualTo(condition));
        });
    }

    @Test
    void healthChecksToleratePatientStarts() {
        Duration startupTimeout = Duration.ofSeconds(Long.parseLong(
                compose.service(Expected.GATEWAY.name()).environment().get("GATEWAY_STARTUP_TIMEOUT_SECONDS")));
        for (Expected.Role role : Expected.CORE_ROLES) {
            Compose.Service service = compose.service(role.name());
            assertThat(service.environment().get("GATEWAY_STARTUP_TIMEOUT_SECONDS"))
                    .as("%s: GATEWAY_STARTUP_TIMEOUT_SECONDS", role.name())
                    .isEqualTo(String.valueOf(startupTimeout.toSeconds()));
            Duration startPeriod = Sizes.composeDuration(service.node().path("healthcheck").path("start_period")
                    .asText("0s"));
            assertThat(startPeriod)
                    .as("%s: healthcheck.start_period must exceed GATEWAY_STARTUP_TIMEOUT_SECONDS (%s), or a process "
                            + "still waiting for its servers is declared unhealthy and its dependents never start",
                            role.name(), startupTimeout)
                    .isGreaterThan(startupTimeout);
        }
    }

    @Test
    void postgresIsCheckedOverTcp() {
        List<String> test = compose.service("postgres").healthcheckTest();

        assertThat(String.join(" ", test))
                .as("postgres healthcheck: pg_isready over TCP (-h 127.0.0.1), not the socket that the "
                        + "first-start initialisation server already answers on")
                .contains("pg_isready").contains("-h 127.0.0.1").contains("-U").contains("-d");
    }

    @Test
    void workersHaveTimeToStop() {
        Compose.Service worker = compose.service(Expected.WORKER.name());
        Duration grace = Sizes.composeDuration(worker.text("stop_grace_period").orElse("10s"));

        assertThat(grace).as("batch-worker: stop_grace_period (in-flight lines get up to 30 s)")
                .isGreaterThanOrEqualTo(Expected.WORKER_STOP_GRACE);
    }

    @Test
    void workersScaleAndPublishNothing() {
        Compose.Service worker = compose.service(Expected.WORKER.name());

        assertThat(worker.node().has("container_name")).as("batch-worker: container_name prevents --scale")
                .isFalse();
        assertThat(worker.node().path("ports").isMissingNode() || worker.node().path("ports").isEmpty())
                .as("batch-worker publishes no port: its metrics stay on the compose network").isTrue();
        assertThat(worker.environment()).as("batch-worker environment")
                .containsEntry("GATEWAY_WORKER_METRICS_HOST", "0.0.0.0");
    }

    @Test
    void noPortIsPublishedOnEveryInterfaceByDefault() {
        List<String> open = new ArrayList<>();
        for (Compose.Service service : compose.services()) {
            for (JsonNode port : service.node().path("ports")) {
                String hostIp = hostIp(port);
                if (!LOOPBACK.contains(hostIp)) {
                    open.add(service.name() + ": " + port + " (host address '" + hostIp + "')");
                }
            }
        }

        assertThat(open).as("published ports must bind the loopback interface unless the operator says otherwise "
                + "(GATEWAY_PUBLISH_HOST)").isEmpty();
        assertThat(compose.service(Expected.GATEWAY.name()).node().path("ports")).as("gateway-http ports")
                .hasSize(1);
    }

    @Test
    void thePublishedInterfaceCanBeChosen() {
        Compose everywhere = Compose.load(Map.of("GATEWAY_PUBLISH_HOST", "0.0.0.0"));

        assertThat(hostIp(everywhere.service(Expected.GATEWAY.name()).node().path("ports").get(0)))
                .as("GATEWAY_PUBLISH_HOST=0.0.0.0 publishes the gateway on every interface").isEqualTo("0.0.0.0");
    }

    @Test
    void theDevelopmentKeyIsOffUnlessSet() {
        String gateway = Expected.GATEWAY.name();

        assertThat(compose.service(gateway).environment().get("GATEWAY_DEV_API_KEY"))
                .as("GATEWAY_DEV_API_KEY with nothing set").isEmpty();
        assertThat(Compose.load(Map.of("GATEWAY_DEV_API_KEY", "")).service(gateway).environment()
                .get("GATEWAY_DEV_API_KEY"))
                .as("GATEWAY_DEV_API_KEY set empty (a ${VAR:-default} would bring a default back)").isEmpty();
        assertThat(Compose.load(Map.of("GATEWAY_DEV_API_KEY", "igw-chosen")).service(gateway).environment()
                .get("GATEWAY_DEV_API_KEY"))
                .as("GATEWAY_DEV_API_KEY set").isEqualTo("igw-chosen");
    }

    @Test
    void noSecretIsWrittenInTheFile() {
        List<String> plain = new ArrayList<>();
        for (Compose.Service service : compose.services()) {
            service.rawEnvironment().forEach((name, value) -> {
                if (SENSITIVE.matcher(name).matches() && !name.endsWith("_FILE") && !value.isEmpty()
                        && !EMPTY_DEFAULT_SUBSTITUTION.matcher(value).matches()) {
                    plain.add(service.name() + ": " + name);
                }
            });
        }

        assertThat(plain).as("secrets come from Docker secrets (NAME_FILE) or from the shell/.env with no default "
                + "in the file").isEmpty();
    }

    @Test
    void secretFilesAreMountedAndKeptOutOfGitAndTheImage() {
        JsonNode secrets = compose.root().path("secrets");
        assertThat(secrets.size()).as("top-level secrets").isPositive();
        Pattern mounted = Pattern.compile("/run/secrets/([A-Za-z0-9_.-]+)");
        for (Compose.Service service : compose.services()) {
            service.environment().forEach((name, value) -> {
                if (name.endsWith("_FILE") && SENSITIVE.matcher(name).matches()) {
                    Matcher matcher = mounted.matcher(value);
                    assertThat(matcher.matches()).as("%s: %s should name /run/secrets/<secret>", service, name)
                            .isTrue();
                    assertThat(service.names("secrets")).as("%s: secrets (for %s)", service, name)
                            .contains(matcher.group(1));
                    assertThat(secrets.has(matcher.group(1))).as("top-level secret %s", matcher.group(1)).isTrue();
                }
            });
        }
        secrets.properties().forEach(secret -> assertThat(secret.getValue().path("file").asText())
                .as("secret %s: file", secret.getKey())
                .startsWith("./secrets/"));
        assertThat(Repository.read(".gitignore").lines()).as(".gitignore").contains("secrets/");
        assertThat(Repository.read(".dockerignore").lines()).as(".dockerignore").contains("secrets");
        assertThat(compose.service("postgres").environment()).as("postgres environment")
                .containsKey("POSTGRES_PASSWORD_FILE")
                .doesNotContainKey("POSTGRES_PASSWORD");
        for (Expected.Role role : Expected.CORE_ROLES) {
            assertThat(compose.service(role.name()).environment()).as("%s environment", role.name())
                    .containsKey("GATEWAY_DB_PASSWORD_FILE")
                    .doesNotContainKey("GATEWAY_DB_PASSWORD");
        }
    }

    @Test
    void kafkaKeepsItsDataOnItsVolume() {
        Compose.Service kafka = compose.service("kafka");
        String logDirs = kafka.environment().get("KAFKA_LOG_DIRS");
        List<String> mounts = new ArrayList<>();
        kafka.node().path("volumes").forEach(volume -> mounts.add(volume.isObject()
                ? volume.path("source").asText() + ":" + volume.path("target").asText() : volume.asText()));

        assertThat(logDirs).as("kafka: KAFKA_LOG_DIRS (the image's default is under /tmp)").isNotBlank();
        assertThat(mounts).as("kafka: volumes must hold KAFKA_LOG_DIRS (%s) on a named volume", logDirs)
                .anySatisfy(mount -> {
                    String[] parts = mount.split(":");
                    assertThat(compose.root().path("volumes").has(parts[0])).isTrue();
                    assertThat(logDirs.equals(parts[1]) || logDirs.startsWith(parts[1] + "/")).isTrue();
                });
        assertThat(kafka.environment().get("CLUSTER_ID"))
                .as("kafka: a fixed CLUSTER_ID (22 characters of base64url, as kafka-storage.sh random-uuid)")
                .matches("[A-Za-z0-9_-]{22}");
        assertThat(Compose.load(Map.of("KAFKA_CLUSTER_ID", "AAAAAAAAAAAAAAAAAAAAAA")).service("kafka")
                .environment().get("CLUSTER_ID"))
                .as("KAFKA_CLUSTER_ID overrides the cluster id").isEqualTo("AAAAAAAAAAAAAAAAAAAAAA");
    }

    private static String hostIp(JsonNode port) {
        if (port.isObject()) {
            return port.path("host_ip").asText("");
        }
        String spec = port.asText();
        int slash = spec.indexOf('/');
        if (slash >= 0) {
            spec = spec.substring(0, slash);
        }
        if (spec.startsWith("[")) {
            return spec.substring(0, spec.indexOf(']') + 1);
        }
        String[] parts = spec.split(":");
        // HOST_IP:HOST:CONTAINER names an address; HOST:CONTAINER and CONTAINER bind every interface.
        return parts.length == 3 ? parts[0] : "";
    }
}
