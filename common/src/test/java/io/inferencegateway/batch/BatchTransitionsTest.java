package io.inferencegateway.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class BatchTransitionsTest {

    @Test
    void followsOpenAisStatusDiagram() {
        assertThat(BatchTransitions.next(BatchState.VALIDATING)).containsExactlyInAnyOrder(BatchState.IN_PROGRESS,
                BatchState.FAILED, BatchState.CANCELLING, BatchState.EXPIRED);
        assertThat(BatchTransitions.next(BatchState.IN_PROGRESS)).containsExactlyInAnyOrder(BatchState.FINALIZING,
                BatchState.FAILED, BatchState.CANCELLING, BatchState.EXPIRED);
        assertThat(BatchTransitions.next(BatchState.FINALIZING)).containsExactlyInAnyOrder(BatchState.COMPLETED,
                BatchState.FAILED);
        assertThat(BatchTransitions.next(BatchState.CANCELLING)).containsExactlyInAnyOrder(BatchState.CANCELLED,
                BatchState.FAILED);
    }

    @Test
    void terminalStatesLeadNowhereAndActiveOnesSomewhere() {
        for (BatchState state : BatchState.values()) {
            assertThat(BatchTransitions.next(state).isEmpty()).as(state.wireName()).isEqualTo(state.isTerminal());
        }
    }

    @Test
    void nothingReturnsToValidating() {
        assertThat(BatchTransitions.sources(BatchState.VALIDATING)).isEmpty();
        assertThat(BatchTransitions.sources(BatchState.CANCELLING))
                .isEqualTo(EnumSet.of(BatchState.VALIDATING, BatchState.IN_PROGRESS));
    }
}
