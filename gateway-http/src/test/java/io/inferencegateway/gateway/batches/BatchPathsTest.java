package io.inferencegateway.gateway.batches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferencegateway.access.User;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.paths.BatchRoots;
import io.inferencegateway.paths.ConfinedPaths;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** How intake answers the path rule (ConfinedPathsTest in common has the rule itself): 400s naming the field. */
@Timeout(30)
class BatchPathsTest {

    private static final User USER = new User("user-1", null, null, null, null, null, null, "api_key");

    @TempDir
    Path temp;

    private static void refused(Runnable check, String code, String param, String fragment) {
        assertThatThrownBy(check::run).isInstanceOf(ApiException.class).hasMessageContaining(fragment)
                .satisfies(e -> {
                    ApiException error = (ApiException) e;
                    assertThat(error.status()).isEqualTo(400);
                    assertThat(error.code()).isEqualTo(code);
                    assertThat(error.param()).isEqualTo(param);
                });
    }

    @Test
    void noRootsMeansNoServerPathBatches() {
        refused(() -> new BatchPaths(BatchRoots.none()).forUser(USER), "batch_unavailable", null,
                "GATEWAY_BATCH_ROOTS");
    }

    @Test
    void aRefusedPathIsA400NamingItsField() {
        ConfinedPaths paths = new BatchPaths(BatchRoots.parse(temp.toString(), null)).forUser(USER);

        refused(() -> BatchPaths.inputFile(paths, "in.jsonl", "input_file"), "invalid_path", "input_file", "absolute");
        refused(() -> BatchPaths.outputFolder(paths, "/", "output_folder_path"), "invalid_path",
                "output_folder_path", "must be inside");
    }

    @Test
    void misconfiguredSettingsStopTheGatewayAtStart() {
        assertThatThrownBy(() -> BatchSettings.fromEnvironment(name -> name.equals("GATEWAY_BATCH_ROOTS")
                ? "relative/dir" : null)).hasMessageContaining("not an absolute path");
        assertThatThrownBy(() -> BatchSettings.fromEnvironment(name -> name.equals("GATEWAY_BATCH_MAX_ACTIVE")
                ? "two" : null)).hasMessageContaining("GATEWAY_BATCH_MAX_ACTIVE");
        BatchSettings defaults = BatchSettings.fromEnvironment(name -> null);
        assertThat(defaults.roots().configured()).isFalse();
        assertThat(defaults.maxActive()).isEqualTo(2);
    }
}
