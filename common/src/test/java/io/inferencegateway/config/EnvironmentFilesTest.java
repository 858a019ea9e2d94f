package io.inferencegateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Secrets come from files (Docker and Kubernetes secrets) as well as from variables: NAME_FILE gives NAME. */
@Timeout(10)
class EnvironmentFilesTest {

    @Test
    void aVariableNamedByItsFileTakesTheFilesContentWithoutTheLineBreak(@TempDir Path directory) throws Exception {
        Path secret = Files.writeString(directory.resolve("db_password"), "s3cret-value\n");
        Map<String, String> resolved = Environment.withFiles(Map.of("GATEWAY_DB_PASSWORD_FILE", secret.toString(),
                "GATEWAY_DB_USER", "gateway"));
        assertThat(resolved).containsEntry("GATEWAY_DB_PASSWORD", "s3cret-value")
                .containsEntry("GATEWAY_DB_USER", "gateway");
        assertThat(new Environment(resolved).get("GATEWAY_DB_PASSWORD")).hasValue("s3cret-value");
    }

    /** TF_CLI_CONFIG_FILE and the like belong to other programs: a missing file of theirs is none of our business. */
    @Test
    void otherProgramsFileVariablesAreLeftAlone(@TempDir Path directory) {
        Map<String, String> variables = Map.of("TF_CLI_CONFIG_FILE", directory.resolve("missing").toString());
        assertThat(Environment.withFiles(variables)).isEqualTo(variables);
    }

    @Test
    void bothTheVariableAndItsFileIsAMistakeNamedAtStart(@TempDir Path directory) throws Exception {
        Path secret = Files.writeString(directory.resolve("key"), "igw-from-file");
        assertThatThrownBy(() -> Environment.withFiles(Map.of("GATEWAY_DEV_API_KEY", "igw-direct",
                "GATEWAY_DEV_API_KEY_FILE", secret.toString())))
                .hasMessage("Both GATEWAY_DEV_API_KEY and GATEWAY_DEV_API_KEY_FILE are set: keep one");
    }

    @Test
    void anUnreadableFileStopsTheStartNamingTheVariable(@TempDir Path directory) {
        assertThatThrownBy(() -> Environment.withFiles(Map.of("GATEWAY_DB_PASSWORD_FILE",
                directory.resolve("missing").toString())))
                .hasMessageContaining("GATEWAY_DB_PASSWORD_FILE names")
                .hasMessageContaining("cannot be read");
    }
}
