package io.inferencegateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Dockerfile builds only what the image runs, caches dependencies, and runs as a non-root user. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DockerImageTest {

    private static final String CACHE_MOUNT = "--mount=type=cache,target=/root/.m2";
    private static final String MODULES = "-pl gateway-http,batch-worker,simulated-backend -am";
    private static final List<String> IMAGE_MODULES = List.of("gateway-http", "batch-worker", "simulated-backend");

    private final Dockerfile dockerfile = Dockerfile.load();

    @Test
    void usesBuildKitSyntax() {
        assertThat(dockerfile.lines().getFirst()).as("first line of the Dockerfile (cache mounts need BuildKit)")
                .isEqualTo("# syntax=docker/dockerfile:1");
    }

    @Test
    void runsAsAFixedNonRootUser() {
        List<Dockerfile.Instruction> users = dockerfile.finalStage().all("USER");

        assertThat(users).as("USER in the final stage").isNotEmpty();
        String user = users.getLast().arguments().strip().split(":")[0];
        assertThat(user).as("the final USER is numeric (Kubernetes checks runAsNonRoot against a number)")
                .matches("\\d+");
        assertThat(Integer.parseInt(user)).as("the final USER").isEqualTo(Expected.IMAGE_UID).isNotZero();
    }

    @Test
    void buildsOnlyTheImagesModulesWithCachedDependencies() {
        List<String> mavenRuns = new ArrayList<>();
        dockerfile.all("RUN").stream().map(Dockerfile.Instruction::arguments).filter(r -> r.contains("mvn "))
                .forEach(mavenRuns::add);

        assertThat(mavenRuns).as("RUN mvn ... in the Dockerfile").isNotEmpty()
                .allSatisfy(run -> assertThat(run).as("every Maven run uses the BuildKit cache").contains(CACHE_MOUNT)
                        .contains(MODULES));
        assertThat(mavenRuns).as("a package run that skips the tests")
                .anySatisfy(run -> assertThat(run).contains(" package").contains("-DskipTests"));
    }

    @Test
    void copiesEveryModulePomBeforeResolvingDependencies() {
        List<Dockerfile.Instruction> build = dockerfile.stages().getFirst().instructions();
        int firstMaven = -1;
        for (int i = 0; i < build.size(); i++) {
            if (build.get(i).keyword().equals("RUN") && build.get(i).arguments().contains("mvn ")) {
                firstMaven = i;
                break;
            }
        }
        List<String> copiedBefore = new ArrayList<>();
        for (int i = 0; i < firstMaven; i++) {
            if (build.get(i).keyword().equals("COPY")) {
                copiedBefore.add(build.get(i).arguments().strip().split("\\s+")[0]);
            }
        }

        List<String> poms = new ArrayList<>(List.of("pom.xml"));
        Repository.pom().modules().forEach(module -> poms.add(module + "/pom.xml"));
        assertThat(copiedBefore)
                .as("every module's pom is copied before the first mvn (Maven plans the whole reactor even for -pl); "
                        + "a module added to pom.xml must be added to the Dockerfile")
                .containsAll(poms);
    }

    @Test
    void theImageHoldsTheModulesItRuns() {
        List<String> copies = dockerfile.finalStage().all("COPY").stream()
                .map(Dockerfile.Instruction::arguments).toList();
        for (String module : IMAGE_MODULES) {
            assertThat(copies).as("COPY --from=build of %s's libraries and jar", module)
                    .anyMatch(copy -> copy.contains("/src/" + module + "/target/lib/"))
                    .anyMatch(copy -> copy.contains("/src/" + module + "/target/" + module + "-"));
        }
        assertThat(dockerfile.finalStage().all("ENTRYPOINT")).as("ENTRYPOINT").hasSize(1);
        assertThat(dockerfile.finalStage().all("ENTRYPOINT").getFirst().execForm())
                .as("ENTRYPOINT (compose and Kubernetes give the main class as the command)")
                .containsExactly("java", "-cp", "/app/lib/*");
    }

    @Test
    void everyMainClassIsInAModuleTheImageHolds() {
        for (Expected.Role role : Expected.IMAGE_ROLES) {
            String source = role.mainClass().replace('.', '/') + ".java";
            boolean found = IMAGE_MODULES.stream()
                    .anyMatch(module -> Files.isRegularFile(Repository.path(module).resolve("src/main/java")
                            .resolve(source)));

            assertThat(found).as("%s's main class %s is in one of %s", role.name(), role.mainClass(), IMAGE_MODULES)
                    .isTrue();
        }
    }

    @Test
    void leavesHeapSizingToTheDeployment() {
        assertThat(dockerfile.environment().getOrDefault("JAVA_TOOL_OPTIONS", ""))
                .as("the image sets no MaxRAMPercentage: compose and Kubernetes give -Xmx within each limit")
                .doesNotContain("MaxRAMPercentage");
    }

    @Test
    void theBuildContextLeavesOutOutputSecretsAndHistory() {
        List<String> ignored = Repository.read(".dockerignore").lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();

        assertThat(ignored).as(".dockerignore")
                .anyMatch(line -> line.equals("**/target") || line.equals("**/target/"))
                .contains(".git", "secrets", ".env", ".run", "results");
    }
}
