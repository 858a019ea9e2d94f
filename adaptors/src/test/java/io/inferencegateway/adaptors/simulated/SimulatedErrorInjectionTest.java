package io.inferencegateway.adaptors.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimulatedErrorInjectionTest {

    private static final JsonNode CHAT = SimulatedChatTest.chat("");

    private static SimulatedModel model(double errorRate, int errorStatus) {
        return new SimulatedModel(new SimulatedSettings(0, 0, 0, 16, errorRate, errorStatus, 16), 3,
                Clock.systemUTC());
    }

    @Test
    void errorRateZeroNeverFails() {
        SimulatedModel model = model(0, 500);

        assertThat(IntStream.range(0, 500).mapToObj(i -> model.complete("chat/completions", CHAT)))
                .allMatch(SimulatedReply.Answer.class::isInstance);
    }

    @Test
    void errorRateOneAlwaysFailsWithTheConfiguredStatusAndAnOpenAiBody() {
        SimulatedModel model = model(1, 503);

        for (int i = 0; i < 100; i++) {
            SimulatedReply reply = i % 2 == 0 ? model.complete("chat/completions", CHAT)
                    : model.stream("chat/completions", CHAT);
            assertThat(reply).isInstanceOfSatisfying(SimulatedReply.Failure.class, failure -> {
                assertThat(failure.status()).isEqualTo(503);
                JsonNode error = failure.body().path("error");
                assertThat(error.path("message").asText()).contains("Simulated failure");
                assertThat(error.path("type").asText()).isEqualTo("server_error");
                assertThat(error.has("param")).isTrue();
                assertThat(error.path("param").isNull()).isTrue();
                assertThat(error.path("code").asText()).isEqualTo("simulated_error");
            });
        }
    }

    @Test
    void invalidRequestsGetA400EvenWhenEveryRequestFails() {
        SimulatedReply reply = model(1, 503).complete("chat/completions", SimulatedChatTest.chat(", \"n\": 0"));

        assertThat(reply.status()).isEqualTo(400);
    }

    @Test
    void theSameSeedFailsTheSameRequests() {
        SimulatedModel first = model(0.5, 429);
        SimulatedModel second = model(0.5, 429);

        for (int i = 0; i < 200; i++) {
            assertThat(first.complete("chat/completions", CHAT).status())
                    .isEqualTo(second.complete("chat/completions", CHAT).status());
        }
    }
}
