package io.inferencegateway.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An adaptor's answer is a value or an error, never both and never neither, so the gateway never has to guess. */
@Timeout(10)
class OutcomesTest {

    @Test
    void aSuccessAndAnErrorAreBuiltAsBefore() {
        assertThat(SubmitTaskResponse.ok("{}", null).isError()).isFalse();
        assertThat(SubmitTaskResponse.error(503, "Upstream endpoint x is unreachable").isError()).isTrue();
        assertThat(SubmitBatchResponse.ok("b-1", List.of("t1", "t2"), BatchStatus.PENDING).taskIds())
                .containsExactly("t1", "t2");
        assertThat(SubmitBatchResponse.error(502, "refused").taskIds()).isEmpty();
        assertThat(GetJobsResponse.error(504, "timed out").jobs()).isNull();
    }

    @Test
    void aValueAndAnErrorTogetherAreRefused() {
        assertThatThrownBy(() -> new SubmitTaskResponse("{}", null, "boom", 500))
                .hasMessageContaining("SubmitTaskResponse holds a value and an error together");
        assertThatThrownBy(() -> new GetBatchStatusResponse(BatchStatus.RUNNING, null, "boom", 502))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neitherIsRefusedAndSoIsAMessageWithoutACode() {
        assertThatThrownBy(() -> new SubmitTaskResponse(null, "t", null, null)).hasMessageContaining("it has neither");
        assertThatThrownBy(() -> new GetJobsResponse(null, "boom", null))
                .hasMessageContaining("an error message but no error code");
    }

    @Test
    void anErrorNeedsAnHttpErrorStatusAndWords() {
        assertThatThrownBy(() -> SubmitTaskResponse.error(200, "fine?")).hasMessageContaining("(400-599), was 200");
        assertThatThrownBy(() -> SubmitStreamingTaskResponse.error(503, " ")).hasMessageContaining("needs a message");
    }
}
