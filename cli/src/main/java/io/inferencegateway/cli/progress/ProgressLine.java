package io.inferencegateway.cli.progress;

import java.time.Duration;
import java.util.Locale;

/**
 * The one line that shows a batch's progress: a bar, lines done of total, failed, rate, time left, status and the
 * waiting reason, e.g. {@code [##########..........]  5,000/10,000  50%  12 failed  420 lines/s  ETA 0:12
 * in_progress}. Without counts (FIRST's batches) it shows the status, the time so far and the waiting reason.
 */
public final class ProgressLine {

    static final int BAR_WIDTH = 24;

    private ProgressLine() {
    }

    /** @param elapsed time since the watch began, shown when there are no counts or at the end; null: none */
    public static String render(BatchSnapshot batch, double perSecond, Duration eta, Duration elapsed) {
        StringBuilder line = new StringBuilder();
        if (batch.countsKnown()) {
            int filled = (int) Math.min(BAR_WIDTH, batch.done() * BAR_WIDTH / batch.total());
            line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("]  ")
                    .append(String.format(Locale.ROOT, "%,d/%,d  %d%%", batch.done(), batch.total(),
                            batch.done() * 100 / batch.total()));
            if (batch.failed() > 0) {
                line.append(String.format(Locale.ROOT, "  %,d failed", batch.failed()));
            }
            if (perSecond >= 0) {
                line.append(String.format(Locale.ROOT, "  %s lines/s", rate(perSecond)));
            }
            if (!batch.terminal()) {
                line.append("  ETA ").append(eta == null ? "--" : clock(eta));
            }
            line.append("  ");
        }
        line.append(batch.status());
        if (elapsed != null && (!batch.countsKnown() || batch.terminal())) {
            line.append("  ").append(clock(elapsed));
        }
        if (batch.waitingReason() != null && !batch.terminal()) {
            line.append("  waiting: ").append(batch.waitingReason());
        }
        return line.toString();
    }

    private static String rate(double perSecond) {
        return perSecond >= 10 ? String.format(Locale.ROOT, "%,.0f", perSecond)
                : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    static String clock(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        long hours = seconds / 3600;
        return hours > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
