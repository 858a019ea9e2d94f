package io.inferencegateway.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Ids in OpenAI's shape, and which quoted ids are worth a query. */
class FileIdsTest {

    @Test
    void idsAreFilePlus24Base62CharactersAndDoNotRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = FileIds.next();
            assertThat(id).matches("file-[0-9A-Za-z]{24}");
            assertThat(FileIds.isWellFormed(id)).isTrue();
            ids.add(id);
        }
        assertThat(ids).hasSize(1000);
    }

    @Test
    void openAisIdsAreWellFormedToo() {
        assertThat(FileIds.isWellFormed("file-abc123")).isTrue();
        assertThat(FileIds.isWellFormed("file-XHr9kPVwGpNG8vQ5xuQGLm")).isTrue();
    }

    @Test
    void anythingElseIsNot() {
        assertThat(FileIds.isWellFormed(null)).isFalse();
        assertThat(FileIds.isWellFormed("")).isFalse();
        assertThat(FileIds.isWellFormed("file-")).isFalse();
        assertThat(FileIds.isWellFormed("batch_abc")).isFalse();
        assertThat(FileIds.isWellFormed("file-abc\u0000")).isFalse();
        assertThat(FileIds.isWellFormed("file-a b")).isFalse();
        assertThat(FileIds.isWellFormed("file-../../etc/passwd")).isFalse();
        assertThat(FileIds.isWellFormed("file-" + "a".repeat(60))).as("longer than the column").isFalse();
    }
}
