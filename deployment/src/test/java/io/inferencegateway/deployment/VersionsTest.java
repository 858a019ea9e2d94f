package io.inferencegateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every image is pinned, and the Kafka the deployments run is the Kafka the project is built and tested with. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VersionsTest {

    /** A tag that names a release: digits and dots, not {@code latest} or a bare major version. */
    private static final Pattern PINNED_TAG = Pattern.compile(".*:[^:/]*\\d+\\.\\d+[^:/]*$");

    private final String kafkaVersion = Repository.pom().property("kafka.version");

    @Test
    void composeRunsTheKafkaOfThePom() {
        String image = Compose.load().service("kafka").text("image").orElseThrow();

        assertThat(image)
                .as("docker-compose.yml's kafka image must be apache/kafka:<kafka.version of pom.xml> (%s): the "
                        + "clients and the broker are tested together; change both at once", kafkaVersion)
                .isEqualTo("apache/kafka:" + kafkaVersion);
    }

    @Test
    void strimziRunsTheKafkaOfThePom() {
        GenericKubernetesResource kafka = Manifests.load().ofKind("Kafka").stream()
                .map(m -> (GenericKubernetesResource) m.object())
                .findFirst()
                .orElseThrow(() -> new AssertionError("strimzi-kafka.yaml should hold a Strimzi Kafka"));
        var spec = Manifests.spec(kafka).path("kafka");
        String majorMinor = kafkaVersion.substring(0, kafkaVersion.lastIndexOf('.'));

        assertThat(spec.path("version").asText())
                .as("strimzi-kafka.yaml's spec.kafka.version must equal pom.xml's kafka.version")
                .isEqualTo(kafkaVersion);
        assertThat(spec.path("metadataVersion").asText())
                .as("strimzi-kafka.yaml's metadataVersion must belong to Kafka %s (a %s-IVn level)", kafkaVersion,
                        majorMinor)
                .startsWith(majorMinor + "-IV");
    }

    @Test
    void everyComposeImageIsPinned() {
        Compose compose = Compose.load();
        List<String> unpinned = new ArrayList<>();
        for (Compose.Service service : compose.services()) {
            String image = service.text("image").orElse("");
            boolean ours = image.startsWith(Expected.IMAGE_REPOSITORY + ":");
            if (!ours && !PINNED_TAG.matcher(image).matches()) {
                unpinned.add(service.name() + ": '" + image + "'");
            }
        }

        assertThat(unpinned).as("third-party images in docker-compose.yml must name a release (x.y or x.y.z)")
                .isEmpty();
    }

    @Test
    void theDockerfileBaseImagesArePinned() {
        List<String> unpinned = new ArrayList<>();
        for (Dockerfile.Stage stage : Dockerfile.load().stages()) {
            if (!PINNED_TAG.matcher(stage.image()).matches() || stage.image().contains(":latest")) {
                unpinned.add(stage.image());
            }
        }

        assertThat(unpinned).as("every FROM of the Dockerfile must name a release (after its ARG defaults)")
                .isEmpty();
    }

    @Test
    void kubernetesRunsTheProjectVersionOfTheImage() {
        Manifests manifests = Manifests.load();
        String expected = Expected.IMAGE_REPOSITORY + ":" + Repository.pom().version();
        List<String> images = new ArrayList<>();
        for (Manifests.Manifest manifest : manifests.ofKind("Deployment")) {
            for (Container container : Manifests.pod((Deployment) manifest.object()).getContainers()) {
                images.add(manifest.file() + " " + container.getName() + ": " + container.getImage());
            }
        }

        assertThat(images).as("every container of the manifests runs the image built from the Dockerfile at the "
                        + "project's version (%s); overlays retag it with `kustomize edit set image`", expected)
                .isNotEmpty()
                .allSatisfy(image -> assertThat(image).endsWith(": " + expected));
    }
}
