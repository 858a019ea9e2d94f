package io.inferencegateway.cli.progress;

import io.inferencegateway.cli.client.Terminal;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Where progress lines go (stderr, so stdout stays the command's answer): redrawn in place on a terminal, as plain
 * lines otherwise (a log file, CI), one when the status or waiting reason changes and at most one per
 * {@link #PLAIN_PERIOD} in between.
 */
public abstract sealed class ProgressDisplay {

    static final Duration PLAIN_PERIOD = Duration.ofSeconds(10);

    /** A terminal's in-place display when igw runs in one, plain lines otherwise. */
    public static ProgressDisplay forConsole(PrintStream err) {
        return Terminal.isTerminal() ? new InPlace(err) : new Plain(err, PLAIN_PERIOD);
    }

    /** Shows the latest line; {@code changed}: the status or waiting reason differs from the last one shown. */
    public abstract void show(String line, boolean changed);

    /** Shows the last line and ends it. */
    public abstract void finish(String line);

    /** A terminal: carriage return, the line, erase to the end of the line. */
    static final class InPlace extends ProgressDisplay {

        private final PrintStream out;

        InPlace(PrintStream out) {
            this.out = out;
        }

        @Override
        public void show(String line, boolean changed) {
            out.print("\r" + line + "\u001b[K");
            out.flush();
        }

        @Override
        public void finish(String line) {
            out.print("\r" + line + "\u001b[K" + System.lineSeparator());
            out.flush();
        }
    }

    /** No terminal: whole lines, as a log would have them. */
    static final class Plain extends ProgressDisplay {

        private final PrintStream out;
        private final long periodNanos;
        private long lastShown;
        private boolean shownAny;
        private String lastLine;

        Plain(PrintStream out, Duration period) {
            this.out = out;
            this.periodNanos = period.toNanos();
        }

        @Override
        public void show(String line, boolean changed) {
            long now = System.nanoTime();
            if (!shownAny || changed || now - lastShown >= periodNanos) {
                print(line, now);
            }
        }

        @Override
        public void finish(String line) {
            if (!line.equals(lastLine)) {
                print(line, System.nanoTime());
            }
        }

        private void print(String line, long now) {
            out.println(line);
            out.flush();
            lastShown = now;
            shownAny = true;
            lastLine = line;
        }
    }
}
