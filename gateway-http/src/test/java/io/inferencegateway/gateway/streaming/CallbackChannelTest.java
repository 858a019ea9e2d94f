package io.inferencegateway.gateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.adaptors.globus.CallbackStream;
import io.inferencegateway.json.Json;
import io.inferencegateway.spi.SseEvent;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The stream's endings: timeouts and task ends give in-band errors; a gap is never taken for the end. */
class CallbackChannelTest {

    private final CallbackRelay relay = new CallbackRelay();

    @Test
    void nothingWithinTheFirstDataTimeoutGivesATimeoutErrorEvent() throws Exception {
        CallbackStream stream = relay.open(Duration.ofMillis(50), Duration.ofSeconds(30));
        var event = Json.read(stream.next().data());
        assertThat(event.get("type").asText()).isEqualTo("StreamingTimeoutError");
        assertThat(event.get("code").asInt()).isEqualTo(504);
        assertThat(event.get("message").asText()).contains("after 0.05 seconds");
        assertThat(stream.next()).isNull();
    }

    @Test
    void anIdleGapAfterDataIsAnErrorNotTheEnd() throws Exception {
        CallbackStream stream = relay.open(Duration.ofSeconds(30), Duration.ofMillis(50));
        relay.channel(stream.taskId()).orElseThrow().data("data: {\"n\":1}");
        assertThat(stream.next()).isEqualTo(SseEvent.data("{\"n\":1}"));
        SseEvent gap = stream.next();
        assertThat(gap.isDone()).isFalse();
        assertThat(Json.read(gap.data()).get("type").asText()).isEqualTo("StreamingTimeoutError");
        assertThat(Json.read(gap.data()).get("message").asText()).contains("for 0.05 seconds");
        assertThat(stream.next()).isNull();
    }

    @Test
    void aTaskThatFailsBeforeStreamingEndsTheStreamWithItsError() throws Exception {
        CallbackStream stream = relay.open(Duration.ofSeconds(30), Duration.ofSeconds(30));
        stream.taskFinished("RuntimeError: vLLM is not running");
        var event = Json.read(stream.next().data());
        assertThat(event.get("message").asText()).isEqualTo("The remote function failed: RuntimeError: vLLM is not running");
        assertThat(stream.next()).isNull();
    }

    @Test
    void aTaskThatSucceededEndsOnlyAfterEverythingItPosted() throws Exception {
        CallbackStream stream = relay.open(Duration.ofSeconds(30), Duration.ofSeconds(30));
        CallbackChannel channel = relay.channel(stream.taskId()).orElseThrow();
        channel.data("data: {\"n\":1}\ndata: [DONE]");
        channel.done();
        stream.taskFinished(null);
        assertThat(stream.next()).isEqualTo(SseEvent.data("{\"n\":1}"));
        assertThat(stream.next().isDone()).isTrue();
    }

    @Test
    void aTaskThatSucceededWithoutPostingEndsWithAnError() throws Exception {
        CallbackStream stream = relay.open(Duration.ofSeconds(30), Duration.ofSeconds(30));
        stream.taskFinished(null);
        assertThat(Json.read(stream.next().data()).get("type").asText()).isEqualTo("StreamingIncompleteError");
    }

    @Test
    void closingUnregistersTheStream() {
        CallbackStream stream = relay.open(Duration.ofSeconds(30), Duration.ofSeconds(30));
        assertThat(relay.channel(stream.taskId())).isPresent();
        stream.close();
        assertThat(relay.channel(stream.taskId())).isEmpty();
        assertThat(relay.openStreams()).isZero();
    }
}
