package io.inferencegateway.adaptors.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferencegateway.spi.EventStream;
import io.inferencegateway.spi.SseEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ModelCapacityTest {

    private static final JsonNode CHAT = SimulatedChatTest.chat("");
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private static SimulatedSettings settings(long latencyMs, double tokensPerSecond, CapacitySettings capacity) {
        return new SimulatedSettings(latencyMs, 0, tokensPerSecond, 16, 0, 500, 16, capacity);
    }

    private static EventStream open(SimulatedModel model) {
        SimulatedReply reply = model.stream("chat/completions", CHAT);
        assertThat(reply).isInstanceOf(SimulatedReply.Stream.class);
        return ((SimulatedReply.Stream) reply).events();
    }

    private static long answerMillis(SimulatedModel model) throws InterruptedException {
        long start = System.nanoTime();
        assertThat(model.answer("chat/completions", CHAT)).isInstanceOf(SimulatedReply.Answer.class);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Test
    void runningNeverExceedsTheSlotsUnderManyConcurrentRequests() throws Exception {
        AtomicInteger mostRunning = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        SimulatedModel[] holder = new SimulatedModel[1];
        // Called while each request still holds its slot.
        CapacityObserver observer = new CapacityObserver() {
            @Override
            public void finished(String finishReason, long nanos) {
                mostRunning.accumulateAndGet(holder[0].capacity().running(), Math::max);
                answered.incrementAndGet();
            }
        };
        holder[0] = new SimulatedModel(settings(30, 0, new CapacitySettings(4, 100, 429, 1)), 0,
                java.time.Clock.systemUTC(), observer);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<SimulatedReply>> replies = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                replies.add(threads.submit(() -> holder[0].answer("chat/completions", CHAT)));
            }
            for (Future<SimulatedReply> reply : replies) {
                assertThat(reply.get()).isInstanceOf(SimulatedReply.Answer.class);
            }
        }

        assertThat(answered).hasValue(40);
        // At most the slots, and all of them: the requests really ran side by side.
        assertThat(mostRunning).hasValue(4);
        assertThat(holder[0].capacity().running()).isZero();
        assertThat(holder[0].capacity().waiting()).isZero();
    }

    @Test
    void aRequestBeyondSlotsAndQueueIsRefusedAtOnceInOpenAisShape() {
        SimulatedModel model = new SimulatedModel(settings(0, 1.0 / 3600, new CapacitySettings(2, 3, 429, 1)));
        List<EventStream> held = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            held.add(open(model));
        }
        assertThat(model.capacity().running()).isEqualTo(2);
        assertThat(model.capacity().waiting()).isEqualTo(3);

        SimulatedReply streamed = model.stream("chat/completions", CHAT);
        assertThat(streamed).isInstanceOfSatisfying(SimulatedReply.Failure.class, failure -> {
            assertThat(failure.status()).isEqualTo(429);
            JsonNode error = failure.body().path("error");
            assertThat(error.path("type").asText()).isEqualTo("rate_limit_error");
            assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
            assertThat(error.path("message").asText()).contains("busy");
            assertThat(error.has("param")).isTrue();
        });

        held.forEach(EventStream::close);
        assertThat(model.capacity().running()).isZero();
        assertThat(model.capacity().waiting()).isZero();
    }

    @Test
    void theRefusalStatusMayBe503() throws InterruptedException {
        SimulatedModel model = new SimulatedModel(settings(0, 1.0 / 3600, new CapacitySettings(1, 0, 503, 1)));
        try (EventStream held = open(model)) {
            SimulatedReply refused = model.answer("chat/completions", CHAT);

            assertThat(refused.status()).isEqualTo(503);
            assertThat(((SimulatedReply.Failure) refused).body().at("/error/type").asText()).isEqualTo("server_error");
        }
    }

    @Test
    void slotsGoToTheLongestWaitingFirst() throws Exception {
        SimulatedModel model = new SimulatedModel(settings(0, 1.0 / 3600, new CapacitySettings(1, 5, 429, 1)));
        EventStream running = open(model);
        SimulatedReply.Stream first = (SimulatedReply.Stream) model.stream("chat/completions", CHAT);
        SimulatedReply.Stream second = (SimulatedReply.Stream) model.stream("chat/completions", CHAT);

        running.close();

        assertThat(first.awaitSlot(0, TimeUnit.SECONDS)).isEqualTo(ModelCapacity.State.RUNNING);
        assertThat(second.awaitSlot(0, TimeUnit.SECONDS)).isEqualTo(ModelCapacity.State.WAITING);
        first.events().close();
        assertThat(second.awaitSlot(0, TimeUnit.SECONDS)).isEqualTo(ModelCapacity.State.RUNNING);
        second.events().close();
    }

    @Test
    void aQueuedAnswersLatencyIncludesItsWait() throws Exception {
        SimulatedModel model = new SimulatedModel(settings(300, 0, new CapacitySettings(1, 5, 429, 1)));
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Long> first = threads.submit(() -> answerMillis(model));
            await().atMost(DEADLINE).until(() -> model.capacity().running() == 1);
            Future<Long> second = threads.submit(() -> answerMillis(model));

            assertThat(first.get()).isGreaterThanOrEqualTo(300);
            // The second waited for most of the first's 300 ms before spending its own.
            assertThat(second.get()).isGreaterThanOrEqualTo(450);
        }
    }

    @Test
    void aQueuedStreamsFirstTokenWaitsForASlot() throws Exception {
        SimulatedModel model = new SimulatedModel(settings(0, 1.0 / 3600, new CapacitySettings(1, 5, 429, 1)));
        EventStream running = open(model);
        EventStream queued = open(model);
        CompletableFuture<SseEvent> firstOfQueued = CompletableFuture.supplyAsync(() -> next(queued));

        assertThat(next(running)).isNotNull();
        await().during(Duration.ofMillis(300)).atMost(DEADLINE).until(() -> !firstOfQueued.isDone());
        running.close();

        await().atMost(DEADLINE).until(firstOfQueued::isDone);
        assertThat(firstOfQueued.join()).isNotNull();
        queued.close();
    }

    @Test
    void latencyGrowsWithLoadAndSoDoesThroughput() throws Exception {
        // A full batch of 4 takes each step twice as long as one request alone.
        SimulatedModel model = new SimulatedModel(settings(400, 0, new CapacitySettings(4, 0, 429, 2)));
        long alone = answerMillis(model);

        long start = System.nanoTime();
        List<Long> together = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Long>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(threads.submit(() -> answerMillis(model)));
            }
            for (Future<Long> answer : answers) {
                together.add(answer.get());
            }
        }
        long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(alone).isGreaterThanOrEqualTo(400);
        assertThat(together).allSatisfy(millis -> assertThat(millis).isGreaterThan(alone * 3 / 2));
        // Four answers in less time than four one after the other.
        assertThat(wall).isLessThan(alone * 4);
    }

    @Test
    void aStreamClosedWhileQueuedGivesUpItsPlaceAndWakesItsReader() {
        SimulatedModel model = new SimulatedModel(settings(0, 1.0 / 3600, new CapacitySettings(1, 1, 429, 1)));
        EventStream running = open(model);
        EventStream queued = open(model);
        assertThat(model.stream("chat/completions", CHAT)).isInstanceOf(SimulatedReply.Failure.class);
        CompletableFuture<SseEvent> reader = CompletableFuture.supplyAsync(() -> next(queued));

        queued.close();

        await().atMost(DEADLINE).until(reader::isDone);
        assertThat(reader.join()).isNull();
        assertThat(model.capacity().waiting()).isZero();
        EventStream admitted = open(model);
        running.close();
        assertThat(model.capacity().running()).isEqualTo(1);
        admitted.close();
        assertThat(model.capacity().running()).isZero();
    }

    @Test
    void aStreamClosedWhileRunningFreesItsSlot() {
        SimulatedModel model = new SimulatedModel(settings(0, 1.0 / 3600, new CapacitySettings(1, 0, 429, 1)));
        EventStream running = open(model);
        assertThat(next(running)).isNotNull();

        running.close();

        assertThat(model.capacity().running()).isZero();
        open(model).close();
    }

    @Test
    void aStreamReadToTheEndFreesItsSlot() {
        SimulatedModel model = new SimulatedModel(settings(0, 0, new CapacitySettings(1, 0, 429, 1)));
        EventStream stream = open(model);
        int events = 0;
        while (next(stream) != null) {
            events++;
        }

        assertThat(events).isPositive();
        assertThat(model.capacity().running()).isZero();
    }

    @Test
    void anInterruptedQueuedAnswerGivesUpItsPlace() throws Exception {
        SimulatedModel model = new SimulatedModel(settings(0, 1.0 / 3600, new CapacitySettings(1, 1, 429, 1)));
        try (EventStream running = open(model)) {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread waiter = Thread.ofVirtual().start(() -> {
                try {
                    model.answer("chat/completions", CHAT);
                    outcome.complete(null);
                } catch (InterruptedException e) {
                    outcome.complete(e);
                }
            });
            await().atMost(DEADLINE).until(() -> model.capacity().waiting() == 1);

            waiter.interrupt();

            assertThat(outcome.get(20, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
            assertThat(model.capacity().waiting()).isZero();
        }
    }

    @Test
    void unlimitedCapacityNeverQueuesAndCountsWhatRuns() {
        SimulatedModel model = new SimulatedModel(settings(0, 1.0 / 3600, CapacitySettings.UNLIMITED));
        List<EventStream> streams = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            streams.add(open(model));
        }

        assertThat(model.capacity().running()).isEqualTo(2000);
        assertThat(model.capacity().waiting()).isZero();
        assertThat(model.capacity().usage()).isZero();
        streams.forEach(EventStream::close);
        assertThat(model.capacity().running()).isZero();
    }

    private static SseEvent next(EventStream stream) {
        try {
            return stream.next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
