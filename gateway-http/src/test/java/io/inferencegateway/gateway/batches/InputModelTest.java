package io.inferencegateway.gateway.batches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferencegateway.files.FileLimits;
import io.inferencegateway.files.StoredFile;
import io.inferencegateway.gateway.http.ApiException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class InputModelTest {

    /** One file whose content is {@code content}. */
    private static InputFiles file(byte[] content) {
        return new InputFiles() {
            @Override
            public Optional<StoredFile> find(String userId, String fileId) {
                return Optional.empty();
            }

            @Override
            public InputStream open(String fileId) {
                return new ByteArrayInputStream(content);
            }
        };
    }

    private static String model(String content) {
        return InputModel.of(file(content.getBytes(StandardCharsets.UTF_8)), "file-1");
    }

    @Test
    void readsTheModelOfTheFirstLineOnly() {
        assertThat(model("{\"body\":{\"model\":\"m1\"}}\n{\"body\":{\"model\":\"m2\"}}\nnot json\n")).isEqualTo("m1");
        assertThat(model("{\"body\":{\"model\":\"m1\"}}")).isEqualTo("m1");
        assertThat(model("{\"body\":{\"model\":\"m1\"}}\r\n")).isEqualTo("m1");
        assertThat(model("\uFEFF{\"body\":{\"model\":\"m1\"}}\n")).isEqualTo("m1");
    }

    @Test
    void aFirstLineLongerThanTheLimitIsRefusedWithoutReadingOn() {
        byte[] content = new byte[FileLimits.MAX_LINE_BYTES + 10];
        java.util.Arrays.fill(content, (byte) ' ');

        assertThatThrownBy(() -> InputModel.of(file(content), "file-1")).isInstanceOf(ApiException.class)
                .hasMessageContaining("longer than");
    }

    @Test
    void anUnreadableFileIsA503NotA500() {
        InputFiles broken = new InputFiles() {
            @Override
            public Optional<StoredFile> find(String userId, String fileId) {
                return Optional.empty();
            }

            @Override
            public InputStream open(String fileId) throws IOException {
                throw new IOException("disk on fire");
            }
        };

        assertThatThrownBy(() -> InputModel.of(broken, "file-1")).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(503));
    }
}
