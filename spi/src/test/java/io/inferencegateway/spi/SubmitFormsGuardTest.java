package io.inferencegateway.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each form of a submit method defaults to the other, so an adaptor with neither form of a pair would call round in
 * a circle on its first request: it is refused when it is built, in words that say what to implement.
 */
@Timeout(10)
class SubmitFormsGuardTest {

    /** Streams, but has no way to answer a plain task. */
    public static class NoTaskForm extends BaseEndpoint {
        public NoTaskForm(EndpointDefinition definition) {
            super(definition);
        }

        @Override
        public SubmitStreamingTaskResponse submitStreamingTask(TaskRequest data, String requestLogId) {
            return SubmitStreamingTaskResponse.ok(TestEndpoints.emptyStream(), null);
        }
    }

    /** Answers tasks asynchronously, but has no way to stream. */
    public static class NoStreamingForm extends BaseEndpoint {
        public NoStreamingForm(EndpointDefinition definition) {
            super(definition);
        }

        @Override
        public CompletionStage<SubmitTaskResponse> submitTaskAsync(TaskRequest data) {
            return CompletableFuture.completedFuture(SubmitTaskResponse.ok("{}", null));
        }
    }

    /** One form of each pair, and a different one each time: enough. */
    public static class OneFormOfEach extends NoStreamingForm {
        public OneFormOfEach(EndpointDefinition definition) {
            super(definition);
        }

        @Override
        public SubmitStreamingTaskResponse submitStreamingTask(TaskRequest data, String requestLogId) {
            return SubmitStreamingTaskResponse.ok(TestEndpoints.emptyStream(), null);
        }
    }

    @Test
    void anAdaptorWithNeitherTaskFormIsRefusedNamingTheClassAndBothMethods() {
        assertThatThrownBy(() -> new NoTaskForm(TestEndpoints.definition(NoTaskForm.class)))
                .isInstanceOfSatisfying(AdaptorConfigException.class,
                        e -> assertThat(e.field()).isEqualTo("endpoint_adapter"))
                .hasMessage(NoTaskForm.class.getName() + " implements neither submitTask nor submitTaskAsync: "
                        + "implement one of them (submitTask, the blocking form, is the simple one); each defaults "
                        + "to the other, so with neither a call would never return");
    }

    @Test
    void anAdaptorWithNeitherStreamingFormIsRefused() {
        assertThatThrownBy(() -> new NoStreamingForm(TestEndpoints.definition(NoStreamingForm.class)))
                .isInstanceOf(AdaptorConfigException.class)
                .hasMessageStartingWith(NoStreamingForm.class.getName()
                        + " implements neither submitStreamingTask nor submitStreamingTaskAsync: ");
    }

    @Test
    void aFormInheritedFromAnAdaptorSuperclassCounts() {
        OneFormOfEach endpoint = new OneFormOfEach(TestEndpoints.definition(OneFormOfEach.class));

        assertThat(endpoint.submitTaskAsyncIsNative()).isTrue();
        assertThat(endpoint.submitStreamingTaskAsyncIsNative()).isFalse();
    }
}
