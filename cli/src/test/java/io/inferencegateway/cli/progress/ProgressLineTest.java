package io.inferencegateway.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The progress line's text, the rate and time left, and the two ways of showing it. */
class ProgressLineTest {

    @Test
    void aRunningBatchShowsItsBarCountsRateTimeLeftAndWhyItWaits() {
        BatchSnapshot batch = new BatchSnapshot("batch_x", "in_progress", false, 10_000, 4_990, 10,
                "model_not_running");
        assertThat(ProgressLine.render(batch, 512.4, Duration.ofSeconds(75), Duration.ofSeconds(9)))
                .isEqualTo("[############............]  5,000/10,000  50%  10 failed  512 lines/s  ETA 1:15  "
                        + "in_progress  waiting: model_not_running");
        assertThat(ProgressLine.render(batch, -1, null, null)).as("rate and time left unknown")
                .isEqualTo("[############............]  5,000/10,000  50%  10 failed  ETA --  in_progress  "
                        + "waiting: model_not_running");
    }

    @Test
    void anEndedBatchShowsHowLongItTookAndNoTimeLeft() {
        BatchSnapshot done = new BatchSnapshot("batch_x", "completed", true, 3, 3, 0, null);
        assertThat(ProgressLine.render(done, 2.5, null, Duration.ofSeconds(3_725)))
                .isEqualTo("[########################]  3/3  100%  2.5 lines/s  completed  1:02:05");
    }

    @Test
    void withoutCountsTheStatusAndTimeSoFar() {
        BatchSnapshot first = new BatchSnapshot("b", "running", false, -1, 0, 0, null);
        assertThat(ProgressLine.render(first, -1, null, Duration.ofSeconds(61))).isEqualTo("running  1:01");
    }

    @Test
    void theRateIsTakenOverTheLastSamples() {
        RateWindow rate = new RateWindow();
        assertThat(rate.perSecond()).isNegative();
        rate.add(0, 0);
        rate.add(2_000_000_000L, 100);
        assertThat(rate.perSecond()).isEqualTo(50.0);
        assertThat(rate.eta(500)).isEqualTo(Duration.ofSeconds(10));
        // Samples older than the window no longer count: the rate follows a batch that slowed down.
        rate.add(62_000_000_000L, 100);
        rate.add(64_000_000_000L, 110);
        assertThat(rate.perSecond()).isEqualTo(5.0);
    }

    @Test
    void inATerminalTheLineIsRedrawnInPlaceElsewhereItIsPrintedOnChangesOrPeriodically() {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        ProgressDisplay inPlace = new ProgressDisplay.InPlace(new PrintStream(terminal, true, StandardCharsets.UTF_8));
        inPlace.show("one", true);
        inPlace.show("two", false);
        inPlace.finish("three");
        assertThat(terminal.toString(StandardCharsets.UTF_8))
                .isEqualTo("\rone\u001b[K\rtwo\u001b[K\rthree\u001b[K" + System.lineSeparator());

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ProgressDisplay plain = new ProgressDisplay.Plain(new PrintStream(log, true, StandardCharsets.UTF_8),
                Duration.ofHours(1));
        plain.show("first", false);
        plain.show("same status, later", false);
        plain.show("status changed", true);
        plain.finish("status changed");
        plain.finish("the end");
        assertThat(log.toString(StandardCharsets.UTF_8).lines()).containsExactly("first", "status changed",
                "the end");
    }
}
