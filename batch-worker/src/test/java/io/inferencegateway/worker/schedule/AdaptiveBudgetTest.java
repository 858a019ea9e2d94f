package io.inferencegateway.worker.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.worker.schedule.AdaptiveBudget.Signals;
import org.junit.jupiter.api.Test;

class AdaptiveBudgetTest {

    static final long SECOND = 1_000_000_000L;
    static final int CAP = 32;

    AdaptiveBudget budget = new AdaptiveBudget(2.0, 1, CAP);
    long now = 0;

    int after(Signals signals) {
        now += SECOND / 2;
        return budget.update(now, signals, CAP);
    }

    static Signals calls(int calls, int congested, long latencyMillis, long tokens, int running) {
        return new Signals(calls, congested, latencyMillis, tokens, calls - congested, running, 0);
    }

    @Test
    void aBackendThatKeepsUpIsGivenTheWholeCapAsWorkersComeAndGo() {
        assertThat(after(calls(100, 0, 1_000, 800, 30))).isEqualTo(CAP);
        assertThat(budget.update(now += SECOND, calls(100, 0, 1_000, 800, 60), 64)).isEqualTo(64);
        assertThat(budget.update(now += SECOND, calls(100, 0, 1_000, 800, 30), CAP)).isEqualTo(CAP);
        assertThat(budget.reason()).isNull();
    }

    @Test
    void throttlingHalvesTheBudgetAtMostOncePerSecondThenItClimbsByOne() {
        assertThat(after(calls(100, 5, 1_000, 800, 32))).isEqualTo(16);
        assertThat(budget.reason()).isEqualTo("backend_pushback");
        // Half a second later: still throttled, but no second halving yet.
        assertThat(after(calls(100, 5, 1_000, 800, 16))).isEqualTo(16);
        assertThat(after(calls(100, 5, 1_000, 800, 16))).isEqualTo(8);
        assertThat(after(calls(100, 0, 1_000, 800, 8))).isEqualTo(9);
        assertThat(after(calls(100, 0, 1_000, 800, 9))).isEqualTo(10);
    }

    @Test
    void aBudgetNotInUseDoesNotGrow() {
        after(calls(100, 5, 1_000, 800, 32));
        assertThat(after(calls(10, 0, 100, 80, 2))).isEqualTo(16);
    }

    @Test
    void latencyPerTokenFarAboveTheBestSeenCountsAsQueueing() {
        after(calls(100, 0, 1_000, 1_000, 32));
        assertThat(after(calls(100, 0, 3_000, 1_000, 32))).isEqualTo(16);
        assertThat(budget.reason()).isEqualTo("backend_latency");
    }

    @Test
    void aFastBackendIsNotHeldBackByMillisecondsOfJitter() {
        // A backend answering in a millisecond, then in five: five times slower per token, yet no request queued
        // there (a queued one waits for a whole request ahead of it); the worker's own pauses make such swings.
        after(calls(100, 0, 100, 1_600, 32));
        assertThat(after(calls(100, 0, 500, 1_600, 32))).isEqualTo(CAP);
        assertThat(budget.reason()).isNull();
        // Over twenty milliseconds more per call than the best is queueing, however fast the best.
        assertThat(after(calls(100, 0, 2_200, 1_600, 32))).isEqualTo(CAP / 2);
        assertThat(budget.reason()).isEqualTo("backend_latency");
    }

    @Test
    void interactiveRequestsComeFirstAndTheBudgetComesBackQuicklyAfterThem() {
        assertThat(after(new Signals(100, 0, 1_000, 800, 100, 32, 0))).isEqualTo(CAP);
        // 20 interactive requests under way, and 5 slots kept for the next (the square root of 20, up).
        assertThat(after(new Signals(100, 0, 1_000, 800, 100, 11, 20))).isEqualTo(CAP - 20 - 5);
        assertThat(budget.reason()).isEqualTo("interactive_load");
        // The burst fills the backend: batches get nothing, and the budget itself is halved.
        assertThat(after(new Signals(100, 5, 1_000, 800, 95, 11, 40))).isZero();
        assertThat(budget.budget()).isEqualTo(16);
        // Once interactive traffic is over, the budget doubles back to where it was, then climbs by one.
        assertThat(after(calls(100, 0, 1_000, 800, 16))).isEqualTo(32);
        assertThat(after(calls(100, 0, 1_000, 800, 32))).isEqualTo(32);
    }

    @Test
    void aBackendThatSaysRequestsQueueBringsTheBudgetDownToItsSlotsAtOnce() {
        assertThat(after(calls(100, 0, 1_000, 800, 32).withBackend(16, 20))).isEqualTo(16);
        assertThat(budget.reason()).isEqualTo("backend_queue");
        // The queue is gone: the budget climbs again, one at a time.
        assertThat(after(calls(100, 0, 1_000, 800, 16).withBackend(16, 0))).isEqualTo(17);
    }

    @Test
    void aBackendThatTellsItsLoadIsFilledFromBelowNotAtOnce() {
        assertThat(after(calls(0, 0, 0, 0, 0).withBackend(0, 0))).isEqualTo(AdaptiveBudget.MEASURED_START);
        // Doubling, but never more than a quarter beyond what the backend runs (two at least).
        assertThat(after(calls(10, 0, 100, 80, 4).withBackend(4, 0))).isEqualTo(6);
        assertThat(after(calls(10, 0, 100, 80, 6).withBackend(6, 0))).isEqualTo(8);
        assertThat(after(calls(10, 0, 100, 80, 8).withBackend(8, 0))).isEqualTo(10);
        assertThat(after(calls(10, 0, 100, 80, 16).withBackend(16, 0))).isEqualTo(20);
        // Its 16 slots are full and 4 wait: no more than it runs, and from now on one at a time.
        assertThat(after(calls(10, 0, 100, 80, 20).withBackend(16, 4))).isEqualTo(16);
        assertThat(after(calls(10, 0, 100, 80, 16).withBackend(16, 0))).isEqualTo(17);
    }

    @Test
    void besideInteractiveRequestsBatchesClimbBackAsFastAsWithoutThem() {
        after(calls(10, 0, 100, 80, 16).withBackend(16, 4));
        // 2 interactive requests and 2 batch lines run; 2 slots are kept free for the next interactive ones.
        int before = after(new Signals(10, 0, 100, 80, 10, 2, 2).withBackend(4, 0));
        int lines = after(new Signals(10, 0, 100, 80, 10, before, 2).withBackend(2 + before, 0));
        assertThat(lines).as("the kept slots do not hold the climb back: one more, as without them")
                .isEqualTo(before + 1);
    }

    @Test
    void betweenUpdatesInteractiveRequestsTakeTheirSlotsFromTheBudgetWithoutChangingIt() {
        assertThat(after(calls(100, 0, 1_000, 800, 30))).isEqualTo(CAP);
        // 10 interactive requests under way and 4 slots kept for the next (the square root of 10, up): 18 lines.
        assertThat(budget.forBatches(10)).isEqualTo(18);
        assertThat(budget.forBatches(1)).as("the configured reserve, when more").isEqualTo(30);
        assertThat(budget.forBatches(40)).isZero();
        assertThat(budget.forBatches(0)).as("no reserve without interactive traffic").isEqualTo(CAP);
        assertThat(budget.budget()).as("what the backend takes is still what was learned").isEqualTo(CAP);
    }

    @Test
    void callsUnderWayAreCutOnlyWhereInteractiveRequestsWouldNotFitBesideThemInTheBackendsSlots() {
        // The backend was seen full at 16; it runs 2 now, so the budget climbs back from low.
        after(calls(10, 0, 100, 80, 16).withBackend(16, 4));
        int climbing = after(calls(10, 0, 100, 80, 1).withBackend(2, 0));
        assertThat(climbing).isLessThan(8);

        assertThat(budget.keepBeside(1)).as("one interactive request fits beside 14 batch calls and the reserve")
                .isEqualTo(14);
        assertThat(budget.keepBeside(9)).as("9 interactive requests and 3 slots for the next").isEqualTo(4);
        assertThat(budget.keepBeside(14)).as("a burst: no batch call stays").isZero();
    }

    @Test
    void batchesStartNoLineThatWouldNotFitBesideInteractiveRequestsInTheBackendsSlots() {
        after(calls(10, 0, 100, 80, 16).withBackend(16, 4));
        // A long burst: 14 interactive requests and 2 batch lines fill the 16 slots, and the budget climbs above them.
        for (int i = 0; i < 8; i++) {
            after(new Signals(10, 0, 100, 80, 10, 2, 14).withBackend(16, 0));
        }
        assertThat(budget.budget()).isGreaterThan(20);

        assertThat(budget.forBatches(14)).as("no line beyond the slots, whatever the budget").isZero();
        assertThat(budget.keepBeside(14)).isZero();
    }

    @Test
    void withoutTheBackendsLoadTheBudgetIsWhatInteractiveRequestsMustFitIn() {
        assertThat(after(calls(100, 0, 1_000, 800, 30))).isEqualTo(CAP);
        assertThat(budget.keepBeside(10)).isEqualTo(18);
    }

    @Test
    void aBackendThatTellsItsKvCacheUsageIsNotFilledBesideARisingBurstBeforeItWasEverSeenFull() {
        int slots = 16;
        assertThat(after(calls(0, 0, 0, 0, 0).withBackend(0, 0, 0.0))).isEqualTo(AdaptiveBudget.MEASURED_START);
        // A burst begins as batches start: interactive requests arrive faster than the budget's updates.
        int lines = AdaptiveBudget.MEASURED_START;
        for (int interactive : new int[] {2, 4, 6, 8, 10, 12, 14, 14}) {
            int running = Math.min(slots, lines + interactive);
            lines = after(new Signals(10, 0, 1_000, 800, 10, lines, interactive)
                    .withBackend(running, 0, running / (double) slots));
            assertThat(lines + interactive).as("batch lines beside %d interactive requests", interactive)
                    .isLessThanOrEqualTo(slots);
            for (int more = interactive; more <= slots; more++) {
                assertThat(budget.forBatches(more) + more).as("lines started beside %d", more)
                        .isLessThanOrEqualTo(slots);
                assertThat(budget.keepBeside(more) + more).as("calls kept beside %d", more)
                        .isLessThanOrEqualTo(slots);
            }
        }
        assertThat(budget.budget()).as("the cache holds 16: never more, whatever the doubling").isEqualTo(slots);
        // The burst ends: batches take the slots the cache holds, and no more.
        assertThat(after(calls(10, 0, 1_000, 800, 16).withBackend(16, 0, 1.0))).isEqualTo(slots);
        assertThat(after(calls(10, 0, 1_000, 800, 16).withBackend(16, 0, 1.0))).isEqualTo(slots);
    }

    @Test
    void whatTheCacheHoldsAtTheSizeOfTheRequestsRunningNowBoundsTheSlotsSeen() {
        after(calls(10, 0, 100, 80, 40).withBackend(32, 8, 0.5));
        // 4 interactive requests and 2 slots kept for the next: what is left of the backend's 32 slots.
        assertThat(budget.keepBeside(4)).as("32 seen running while others waited; the cache holds 64 like them")
                .isEqualTo(32 - 4 - 2);
        // Longer requests: 20 fill three quarters of the cache, which holds 27 like them.
        after(calls(10, 0, 100, 80, 20).withBackend(20, 0, 0.75));
        assertThat(budget.keepBeside(4)).isEqualTo(27 - 4 - 2);
        assertThat(budget.budget()).isLessThanOrEqualTo(27);
    }

    @Test
    void whenABurstEndsBatchesTakeTheSlotsTheCacheHoldsAtOnceNotAQuarterMorePerUpdate() {
        after(calls(0, 0, 0, 0, 0).withBackend(0, 0, 0.0));
        for (int i = 0; i < 4; i++) {
            after(new Signals(10, 0, 1_000, 800, 10, 0, 14).withBackend(14, 0, 14 / 16.0));
        }
        // The burst's requests have ended but one: 16 slots, one interactive request and the reserve beside it.
        assertThat(after(new Signals(10, 0, 1_000, 800, 10, 0, 1).withBackend(1, 0, 1 / 16.0))).isEqualTo(14);
    }
}
