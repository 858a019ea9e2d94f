package io.inferencegateway.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferencegateway.config.Environment;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GATEWAY_FILE_STORAGE and the upload limits, read from the environment. */
class FileStorageSettingsTest {

    @Test
    void postgresAndOpenAisLimitsByDefault() {
        FileStorageSettings settings = FileStorageSettings.from(new Environment(Map.of())::value);

        assertThat(settings).isEqualTo(FileStorageSettings.defaults());
        assertThat(settings.directory()).isEmpty();
        assertThat(settings.uploadLimits()).isEqualTo(FileLimits.BATCH_INPUT);
        assertThat(FileStores.create(settings, null)).isInstanceOf(PostgresFileStore.class);
    }

    @Test
    void postgresByName() {
        assertThat(settings(Map.of(Environment.FILE_STORAGE, " postgres ")).directory()).isEmpty();
    }

    @Test
    void aDirectoryIsCreatedAtStart(@TempDir Path temp) {
        Path directory = temp.resolve("files/uploads");
        FileStorageSettings settings = settings(Map.of(Environment.FILE_STORAGE, "directory:" + directory));

        assertThat(settings.directory()).contains(directory);
        assertThat(FileStores.create(settings, null)).isInstanceOfSatisfying(DirectoryFileStore.class,
                store -> assertThat(store.directory()).isEqualTo(directory).isDirectory());
    }

    @Test
    void limitsCanBeChanged() {
        FileStorageSettings settings = settings(Map.of(Environment.FILE_MAX_BYTES, "1048576",
                Environment.FILE_MAX_LINES, "10"));

        assertThat(settings.uploadLimits()).isEqualTo(new FileLimits(1_048_576, 10));
    }

    @Test
    void nonsenseIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> settings(Map.of(Environment.FILE_STORAGE, "s3://bucket")))
                .hasMessageContaining("GATEWAY_FILE_STORAGE").hasMessageContaining("directory:/some/path");
        assertThatThrownBy(() -> settings(Map.of(Environment.FILE_STORAGE, "directory:")))
                .hasMessageContaining("GATEWAY_FILE_STORAGE");
        assertThatThrownBy(() -> settings(Map.of(Environment.FILE_MAX_BYTES, "200MB")))
                .hasMessageContaining("GATEWAY_FILE_MAX_BYTES");
        assertThatThrownBy(() -> settings(Map.of(Environment.FILE_MAX_LINES, "0")))
                .hasMessageContaining("at least 1 byte and 1 line");
        assertThatThrownBy(() -> new FileStorageSettings(Optional.empty(), new FileLimits(0, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static FileStorageSettings settings(Map<String, String> variables) {
        return FileStorageSettings.from(variables::get);
    }
}
