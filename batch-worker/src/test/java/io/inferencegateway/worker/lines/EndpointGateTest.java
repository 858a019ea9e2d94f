package io.inferencegateway.worker.lines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferencegateway.worker.config.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An endpoint's slots and circuit breaker on a clock the test moves: the probe delays (seconds in production) pass
 * at once, and a caller that must not pass yet is seen waiting for one real second at most (the gate's own check
 * interval).
 */
@Timeout(30)
class EndpointGateTest {

    /** The first probe comes between 5 and 10 s after the endpoint went down, the next between 10 and 20 s. */
    static final Backoff PROBES = new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(80));

    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    EndpointGate gate(int concurrency) {
        return new EndpointGate("e", concurrency, PROBES, clock::get);
    }

    void advance(Duration by) {
        clock.addAndGet(by.toNanos());
    }

    static void goDown(EndpointGate gate) {
        for (int i = 0; i < EndpointGate.DOWN_THRESHOLD; i++) {
            gate.unreachable();
        }
        assertThat(gate.isDown()).isTrue();
    }

    /** Gives up on its second look, so the caller has waited once: true only if it was let through at once. */
    static BooleanSupplier afterOneWait() {
        AtomicInteger looks = new AtomicInteger();
        return () -> looks.incrementAndGet() > 1;
    }

    @Test
    void isDownAfterThreeUnreachableAnswersInARowAndAnAnswerInBetweenStartsTheCountAgain() {
        EndpointGate gate = gate(4);
        for (int i = 0; i < EndpointGate.DOWN_THRESHOLD - 1; i++) {
            gate.unreachable();
        }
        gate.answered();
        for (int i = 0; i < EndpointGate.DOWN_THRESHOLD - 1; i++) {
            gate.unreachable();
        }
        assertThat(gate.isDown()).isFalse();

        gate.unreachable();

        assertThat(gate.isDown()).isTrue();
    }

    @Test
    void anUpGateAdmitsUpToItsConcurrencyAndWakesAWaitingLaneWhenASlotFrees() throws InterruptedException {
        EndpointGate gate = gate(2);
        assertThat(gate.tryStart()).isTrue();
        assertThat(gate.tryStart()).isTrue();
        assertThat(gate.tryStart()).isFalse();
        AtomicInteger woken = new AtomicInteger();
        gate.notifyWhenFree(woken::incrementAndGet);
        assertThat(woken).hasValue(0);

        gate.release();

        assertThat(woken).hasValue(1);
        assertThat(gate.tryStart()).isTrue();
        assertThat(gate.awaitCall(() -> true)).as("an up gate lets every call through").isTrue();
    }

    @Test
    void aFreedSlotWakesOneWaitingLaneLongestWaitingFirstNotEveryLane() {
        EndpointGate gate = gate(2);
        gate.tryStart();
        gate.tryStart();
        List<String> woken = new ArrayList<>();
        for (String lane : List.of("a", "b", "c")) {
            gate.notifyWhenFree(() -> woken.add(lane));
        }

        gate.release();
        assertThat(woken).as("one slot, one lane woken to take it").containsExactly("a");

        // Lane a took nothing (its lines were cancelled meanwhile): the next release finds two slots free and wakes
        // two lanes, so a slot left by a lane that did not take it is not lost.
        gate.release();
        assertThat(woken).containsExactly("a", "b", "c");
    }

    @Test
    void aLaneThatStoppedWaitingIsNotWokenTheFreedSlotGoesToALaneThatWaits() {
        EndpointGate gate = gate(1);
        gate.tryStart();
        List<String> woken = new ArrayList<>();
        Runnable a = () -> woken.add("a");
        gate.notifyWhenFree(a);
        gate.notifyWhenFree(() -> woken.add("b"));

        gate.stopWaiting(a);
        gate.release();

        assertThat(woken).containsExactly("b");
    }

    @Test
    void whileDownNoCallPassesBeforeTheBackoffAndOneProbePassesAfterIt() throws InterruptedException {
        EndpointGate gate = gate(4);
        goDown(gate);

        advance(Duration.ofMillis(4_999));
        assertThat(gate.awaitCall(afterOneWait())).as("before the shortest first delay").isFalse();

        advance(Duration.ofSeconds(6));
        assertThat(gate.awaitCall(() -> false)).as("the probe").isTrue();
        assertThat(gate.awaitCall(afterOneWait())).as("a second caller while the probe is out").isFalse();
        assertThat(gate.isDown()).isTrue();
    }

    @Test
    void aCallerThatMustWaitForTheEndpointSaysSoOnceAndTheProbeDoesNot() throws InterruptedException {
        EndpointGate gate = gate(4);
        goDown(gate);
        AtomicInteger waited = new AtomicInteger();

        assertThat(gate.awaitCall(afterOneWait(), waited::incrementAndGet)).as("before the first delay").isFalse();
        assertThat(waited).hasValue(1);

        advance(Duration.ofSeconds(11));
        assertThat(gate.awaitCall(() -> false, waited::incrementAndGet)).as("the probe").isTrue();
        assertThat(waited).as("the probe went at once").hasValue(1);
    }

    @Test
    void ofManyCallersWaitingOutAnOutageExactlyOneIsLetThroughAsTheProbe() throws Exception {
        EndpointGate gate = gate(8);
        goDown(gate);
        AtomicBoolean giveUp = new AtomicBoolean();
        AtomicInteger waiting = new AtomicInteger();
        List<Future<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(callers.submit(() -> gate.awaitCall(() -> {
                waiting.incrementAndGet();
                return giveUp.get();
            })));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> waiting.get() >= 6);

        advance(Duration.ofSeconds(10));
        // Each caller looks again within a second; one becomes the probe, the others wait on.
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.stream().anyMatch(Future::isDone));
        giveUp.set(true);

        List<Boolean> results = new ArrayList<>();
        for (Future<Boolean> call : calls) {
            results.add(call.get(5, TimeUnit.SECONDS));
        }
        assertThat(results).containsOnlyOnce(true).hasSize(6);
    }

    @Test
    void aFailedProbeKeepsTheGateDownForALongerDelay() throws InterruptedException {
        EndpointGate gate = gate(4);
        goDown(gate);
        advance(Duration.ofSeconds(10));
        assertThat(gate.awaitCall(() -> false)).isTrue();

        gate.unreachable();

        assertThat(gate.isDown()).isTrue();
        advance(Duration.ofMillis(9_999));
        assertThat(gate.awaitCall(afterOneWait())).as("before the second delay's shortest").isFalse();
        advance(Duration.ofSeconds(11));
        assertThat(gate.awaitCall(() -> false)).as("the next probe").isTrue();
    }

    @Test
    void anAnswerBringsTheGateBackAndWakesWaitingLanesAndCallers() throws Exception {
        EndpointGate gate = gate(4);
        goDown(gate);
        AtomicInteger woken = new AtomicInteger();
        gate.notifyWhenFree(woken::incrementAndGet);
        assertThat(woken).as("free slots, but the endpoint is down").hasValue(0);
        AtomicInteger looks = new AtomicInteger();
        Future<Boolean> waiter = callers.submit(() -> gate.awaitCall(() -> looks.incrementAndGet() < 0));
        await().atMost(Duration.ofSeconds(5)).until(() -> looks.get() >= 1);

        gate.answered();

        assertThat(gate.isDown()).isFalse();
        assertThat(woken).hasValue(1);
        // Woken by the signal, long before the probe delay (which the test's clock never reaches).
        assertThat(waiter.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(gate.tryStart()).isTrue();
        assertThat(gate.tryStart()).as("up again: its full concurrency").isTrue();
    }

    @Test
    void aDownGateWithNoLineRunningAdmitsOneLineToProbeIt() {
        EndpointGate gate = gate(2);
        assertThat(gate.tryStart()).isTrue();
        goDown(gate);
        assertThat(gate.tryStart()).as("a line of it still runs here").isFalse();

        gate.release();

        assertThat(gate.tryStart()).as("none runs: this one probes").isTrue();
        assertThat(gate.tryStart()).as("the prober runs").isFalse();
        gate.release();
        assertThat(gate.tryStart()).isTrue();
    }

    @Test
    void theSchedulersPartHoldsTheGateBelowItsCapAndRaisingItWakesWaitingLines() {
        EndpointGate gate = gate(4);
        gate.follow(1);
        assertThat(gate.tryStart()).isTrue();
        assertThat(gate.tryStart()).as("beyond this worker's part").isFalse();

        AtomicBoolean woken = new AtomicBoolean();
        gate.notifyWhenFree(() -> woken.set(true));
        gate.follow(3);
        assertThat(woken).as("a raised part wakes the lines waiting for a slot").isTrue();
        assertThat(gate.tryStart()).isTrue();
        assertThat(gate.tryStart()).isTrue();
        assertThat(gate.tryStart()).isFalse();

        gate.follow(100);
        assertThat(gate.limit()).as("never above the cap").isEqualTo(4);
        gate.follow(0);
        assertThat(gate.tryStart()).isFalse();
        assertThat(gate.running()).isEqualTo(3);
    }

    @Test
    void makingRoomForInteractiveRequestsCutsTheNewestCallsBeyondThoseItMayKeep() {
        EndpointGate gate = gate(4);
        List<String> cut = new ArrayList<>();
        EndpointGate.Call oldest = () -> cut.add("oldest");
        EndpointGate.Call ended = () -> cut.add("ended");
        EndpointGate.Call newest = () -> cut.add("newest");
        gate.calling(oldest);
        gate.calling(ended);
        gate.calling(newest);
        gate.ended(ended);

        gate.follow(1);
        assertThat(cut).as("a lower part alone lets calls end").isEmpty();
        assertThat(gate.cutCallsTo(1)).isEqualTo(1);
        assertThat(cut).containsExactly("newest");
        assertThat(gate.cutCallsTo(2)).as("within what it may keep").isZero();
        assertThat(gate.cutCallsTo(0)).isEqualTo(1);
        assertThat(cut).containsExactly("newest", "oldest");
    }

    @Test
    void callsAreCountedByHowTheyEndedForTheScheduler() {
        EndpointGate gate = gate(4);
        gate.stats().record(200, 40, 8);
        gate.stats().record(429, 5, 0);
        gate.stats().record(504, 5, 0);
        gate.stats().record(500, 5, 0);

        var load = gate.report();

        assertThat(load.calls()).isEqualTo(4);
        assertThat(load.succeeded()).isEqualTo(1);
        assertThat(load.congested()).as("a 500 is a fault, not load").isEqualTo(2);
        assertThat(load.latencyMillis()).isEqualTo(40);
        assertThat(load.tokens()).isEqualTo(8);
        assertThat(gate.report().calls()).as("counted once").isZero();
    }
}
