package io.inferencegateway.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchIdsTest {

    @Test
    void idsAreBatchAnd24Base62Characters() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String id = BatchIds.newId();
            assertThat(id).matches("batch_[0-9A-Za-z]{24}");
            assertThat(BatchIds.isWellFormed(id)).isTrue();
            ids.add(id);
        }
        assertThat(ids).hasSize(1_000);
    }

    @Test
    void malformedIdsAreRecognised() {
        assertThat(BatchIds.isWellFormed(null)).isFalse();
        assertThat(BatchIds.isWellFormed("")).isFalse();
        assertThat(BatchIds.isWellFormed("batch_")).isFalse();
        assertThat(BatchIds.isWellFormed("batch_abc")).isFalse();
        assertThat(BatchIds.isWellFormed("batch_" + "a".repeat(23) + "-")).isFalse();
        assertThat(BatchIds.isWellFormed("file_" + "a".repeat(24))).isFalse();
        assertThat(BatchIds.isWellFormed("batch_" + "a".repeat(25))).isFalse();
        assertThat(BatchIds.isWellFormed("6f1c1f5e-8f7b-4a53-9d0e-3b2a1c0d9e8f")).isFalse();
    }
}
