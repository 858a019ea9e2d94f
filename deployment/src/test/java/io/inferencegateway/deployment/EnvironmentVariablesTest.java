package io.inferencegateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The variables the deployment files set are ones the code reads, and compose and Kubernetes give each role the
 * same ones: a variable renamed in the code, or added to one platform only, fails here instead of being ignored
 * silently by a running process.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EnvironmentVariablesTest {

    private static final String PREFIX = "GATEWAY_";
    private static final String FILE_SUFFIX = "_FILE";

    @Test
    void everyGatewayVariableOfTheDeploymentFilesIsReadByTheCode() {
        String code = String.join("\n", Repository.mainJavaSources());
        Map<String, Set<String>> unknown = new TreeMap<>();
        variablesNamed().forEach((name, places) -> {
            if (!readByCode(code, name)) {
                unknown.put(name, places);
            }
        });

        assertThat(unknown)
                .as("GATEWAY_* variables set in docker-compose.yml, deployment/kubernetes or the Dockerfile that no "
                        + "main Java source names in quotes (NAME_FILE counts when the code reads NAME): a typo, or "
                        + "a variable the code no longer reads. Where each is set: %s", unknown)
                .isEmpty();
    }

    @Test
    void composeAndKubernetesGiveEachRoleTheSameVariables() {
        Compose compose = Compose.load();
        Manifests manifests = Manifests.load();
        List<String> differences = new ArrayList<>();
        for (Expected.Role role : Expected.CORE_ROLES) {
            Map<String, String> composed = compose.service(role.name()).environment();
            Map<String, String> kubernetes = manifests.environment(manifests.deployment(role.name()));

            Set<String> onlyCompose = new TreeSet<>(composed.keySet());
            onlyCompose.removeAll(kubernetes.keySet());
            onlyCompose.removeAll(Expected.COMPOSE_ONLY.get(role.name()));
            Set<String> onlyKubernetes = new TreeSet<>(kubernetes.keySet());
            onlyKubernetes.removeAll(composed.keySet());
            onlyKubernetes.removeAll(Expected.KUBERNETES_ONLY.get(role.name()));
            if (!onlyCompose.isEmpty()) {
                differences.add(role.name() + ": set by docker-compose.yml only: " + onlyCompose);
            }
            if (!onlyKubernetes.isEmpty()) {
                differences.add(role.name() + ": set by deployment/kubernetes only: " + onlyKubernetes);
            }
            for (String name : new TreeSet<>(composed.keySet())) {
                if (kubernetes.containsKey(name) && !Expected.PLATFORM_VALUES.contains(name)
                        && !composed.get(name).equals(kubernetes.get(name))) {
                    differences.add(role.name() + ": " + name + " is '" + composed.get(name) + "' in compose but '"
                            + kubernetes.get(name) + "' in Kubernetes");
                }
            }
        }

        assertThat(differences)
                .as("compose and Kubernetes should run each role alike; documented differences are listed in "
                        + "Expected.COMPOSE_ONLY / KUBERNETES_ONLY / PLATFORM_VALUES and docs/DEPLOYMENT.md")
                .isEmpty();
    }

    @Test
    void documentedDifferencesStillExist() {
        Compose compose = Compose.load();
        Manifests manifests = Manifests.load();
        for (Expected.Role role : Expected.CORE_ROLES) {
            assertThat(compose.service(role.name()).environment().keySet())
                    .as("Expected.COMPOSE_ONLY lists a variable compose no longer sets for %s", role.name())
                    .containsAll(Expected.COMPOSE_ONLY.get(role.name()));
            assertThat(manifests.environment(manifests.deployment(role.name())).keySet())
                    .as("Expected.KUBERNETES_ONLY lists a variable Kubernetes no longer sets for %s", role.name())
                    .containsAll(Expected.KUBERNETES_ONLY.get(role.name()));
        }
    }

    @Test
    void everyVariableComposeSubstitutesIsDocumentedInEnvExample() {
        Set<String> documented = new TreeSet<>();
        for (String line : Repository.read(".env.example").lines().toList()) {
            String text = line.strip();
            if (!text.isEmpty() && !text.startsWith("#") && text.contains("=")) {
                documented.add(text.substring(0, text.indexOf('=')).strip());
            }
        }

        assertThat(documented)
                .as("every ${VARIABLE} of docker-compose.yml is an operator's setting: list it, with its default "
                        + "and meaning, in .env.example")
                .containsAll(Compose.load().substitutedVariables());
    }

    @Test
    void noProcessGetsAVariableAndItsFileForm() {
        Compose compose = Compose.load();
        Manifests manifests = Manifests.load();
        List<String> both = new ArrayList<>();
        for (Expected.Role role : Expected.CORE_ROLES) {
            checkNoBoth("compose " + role.name(), compose.service(role.name()).environment(), both);
            checkNoBoth("Kubernetes " + role.name(), manifests.environment(manifests.deployment(role.name())), both);
        }

        assertThat(both).as("NAME and NAME_FILE together stop the process at start: keep one").isEmpty();
    }

    private static void checkNoBoth(String where, Map<String, String> environment, List<String> both) {
        environment.forEach((name, value) -> {
            if (name.endsWith(FILE_SUFFIX)) {
                String direct = name.substring(0, name.length() - FILE_SUFFIX.length());
                String directValue = environment.get(direct);
                if (directValue != null && !directValue.isBlank()) {
                    both.add(where + ": " + direct + " and " + name);
                }
            }
        });
    }

    /** GATEWAY_* names set anywhere, with where each is set. */
    private static Map<String, Set<String>> variablesNamed() {
        Map<String, Set<String>> places = new TreeMap<>();
        Compose compose = Compose.load();
        for (Compose.Service service : compose.services()) {
            for (String name : service.environment().keySet()) {
                record(places, name, "docker-compose.yml " + service.name());
            }
        }
        Manifests manifests = Manifests.load();
        for (Manifests.Manifest manifest : manifests.ofKind("ConfigMap")) {
            ConfigMap configMap = (ConfigMap) manifest.object();
            if (configMap.getData() != null) {
                configMap.getData().keySet().forEach(name -> record(places, name, manifest.file()));
            }
        }
        for (Manifests.Manifest manifest : manifests.ofKind("Deployment")) {
            Deployment deployment = (Deployment) manifest.object();
            Manifests.pod(deployment).getContainers().forEach(container -> {
                if (container.getEnv() != null) {
                    container.getEnv().forEach(env -> record(places, env.getName(), manifest.file()));
                }
            });
        }
        Dockerfile.load().environment().keySet().forEach(name -> record(places, name, "Dockerfile"));
        return places;
    }

    private static void record(Map<String, Set<String>> places, String name, String where) {
        if (name.startsWith(PREFIX)) {
            places.computeIfAbsent(name, n -> new TreeSet<>()).add(where);
        }
    }

    private static boolean readByCode(String code, String name) {
        if (code.contains('"' + name + '"')) {
            return true;
        }
        return name.endsWith(FILE_SUFFIX)
                && code.contains('"' + name.substring(0, name.length() - FILE_SUFFIX.length()) + '"');
    }
}
