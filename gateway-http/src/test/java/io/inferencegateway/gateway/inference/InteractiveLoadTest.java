package io.inferencegateway.gateway.inference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InteractiveLoadTest {

    private final InteractiveLoad load = new InteractiveLoad();

    @Test
    void aRequestAboveTheLastReportWakesTheReporterAtOnce() throws InterruptedException {
        load.started("e");
        assertThat(load.awaitRise(10_000)).as("woken by the first request").isTrue();
        assertThat(load.drain()).singleElement().satisfies(e -> assertThat(e.inFlight()).isEqualTo(1));

        load.started("e");
        assertThat(load.awaitRise(10_000)).as("woken by the second request: two is news").isTrue();
    }

    @Test
    void requestsWithinWhatWasReportedWaitForTheRegularReport() throws InterruptedException {
        load.started("e");
        load.started("e");
        assertThat(load.awaitRise(10_000)).isTrue();
        load.drain();
        load.finished("e");
        load.started("e");
        assertThat(load.awaitRise(0)).as("back to two, as reported").isFalse();
    }

    @Test
    void manyRequestsAtOnceWakeTheReporterOnce() throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            load.started("e");
        }
        assertThat(load.awaitRise(10_000)).isTrue();
        assertThat(load.awaitRise(0)).as("one wake-up for the whole step").isFalse();
        assertThat(load.drain()).singleElement().satisfies(e -> assertThat(e.peakInFlight()).isEqualTo(50));
    }
}
