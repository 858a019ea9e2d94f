package io.inferencegateway.gateway.logs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes access and request log rows to PostgreSQL off the request path. {@link #offer} puts a row in a bounded
 * in-memory buffer and returns at once; one virtual thread writes the buffer in batches, one transaction each, and
 * while the database is away keeps the batch and retries with exponential backoff. When the buffer is full, new rows
 * are dropped and counted.
 *
 * <p>Lifecycle: {@link #start} begins writing; {@link #close()} stops accepting rows, writes what it can within
 * {@link LogSettings#closeTimeout()}, and stops. Rows still unwritten then are reported in one warning.
 */
public final class LogWriter implements LogWriterCounters, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogWriter.class);
    // After the close timeout, how long a write already under way (a connection attempt, say) may take to end.
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final LogSettings settings;
    private final LogQueue queue;
    private final LogInserts inserts;
    private final OutageReport report;
    private final LongAdder dropped = new LongAdder();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicBoolean closeCalled = new AtomicBoolean();
    private final Thread writer;
    private volatile long closeDeadline;
    private volatile boolean closing;
    private volatile boolean stopped;

    private LogWriter(DataSource dataSource, LogSettings settings) {
        this.settings = settings;
        this.queue = new LogQueue(settings.capacity());
        this.inserts = new LogInserts(dataSource, settings.maxTextLength());
        this.report = new OutageReport(settings.capacity());
        this.writer = Thread.ofVirtual().name("log-writer").unstarted(this::run);
    }

    /** A writer for the log tables of {@code dataSource}, already running. */
    public static LogWriter start(DataSource dataSource, LogSettings settings) {
        LogWriter logWriter = new LogWriter(dataSource, settings);
        logWriter.writer.start();
        return logWriter;
    }

    /** Buffers the row; false if it was dropped (buffer full, writer closed, or null). Never blocks or throws. */
    public boolean offer(AccessLogEntry entry) {
        return enqueue(entry);
    }

    /** Buffers the row; false if it was dropped (buffer full, writer closed, or null). Never blocks or throws. */
    public boolean offer(RequestLogEntry entry) {
        return enqueue(entry);
    }

    private boolean enqueue(LogEntry entry) {
        if (entry == null) {
            return false;
        }
        long index = closing ? -1 : queue.offer(entry);
        if (index < 0) {
            dropped.increment();
            return false;
        }
        // Wake the writer once per batch's worth of rows rather than per row; the flush interval covers the rest.
        if ((index + 1) % settings.batchSize() == 0) {
            LockSupport.unpark(writer);
        }
        return true;
    }

    @Override
    public long writtenCount() {
        return written.get();
    }

    @Override
    public long droppedCount() {
        return dropped.sum();
    }

    @Override
    public long rejectedCount() {
        return rejected.get();
    }

    @Override
    public long pendingCount() {
        return queue.size();
    }

    private void run() {
        List<LogEntry> batch = new ArrayList<>(settings.batchSize());
        try {
            while (!(closing && (queue.size() == 0 || givingUp()))) {
                if (!closing && queue.size() < settings.batchSize()) {
                    LockSupport.parkNanos(this, settings.flushInterval().toNanos());
                }
                writeAvailable(batch);
                report.observeDrops(dropped.sum());
            }
        } catch (RuntimeException | Error e) {
            LOG.error("The log writer stopped unexpectedly; log rows are no longer written", e);
            throw e;
        }
    }

    /** Writes batches while full ones are waiting, then the partial one; returns when there is nothing to write. */
    private void writeAvailable(List<LogEntry> batch) {
        int count;
        do {
            batch.clear();
            count = queue.peek(batch, settings.batchSize());
            if (count == 0 || !writeOrRefuse(batch)) {
                return;
            }
            queue.release(count);
        } while (count == settings.batchSize() || closing);
    }

    /**
     * Writes the batch, retrying while the failure is transient. A batch the database refuses is written row by row,
     * so one bad row costs only itself. False only if closing gave up before everything was written.
     */
    private boolean writeOrRefuse(List<LogEntry> batch) {
        Outcome outcome = attempt(batch);
        if (outcome.written() || outcome.gaveUp()) {
            return outcome.written();
        }
        int refused = 0;
        RuntimeException refusal = outcome.failure();
        if (batch.size() == 1) {
            refused = 1;
        } else {
            for (LogEntry row : batch) {
                Outcome single = attempt(List.of(row));
                if (single.gaveUp()) {
                    return false;
                }
                if (!single.written()) {
                    refused++;
                    refusal = single.failure();
                }
            }
        }
        if (refused > 0) {
            rejected.addAndGet(refused);
            report.rowsRefused(refused, batch.size(), refusal);
        }
        return true;
    }

    private Outcome attempt(List<LogEntry> rows) {
        long backoff = settings.retryInitialBackoff().toNanos();
        while (true) {
            try {
                inserts.write(rows);
                written.addAndGet(rows.size());
                report.writeSucceeded();
                return Outcome.WRITTEN;
            } catch (RuntimeException e) {
                if (!WriteFailures.isTransient(e)) {
                    return new Outcome(false, false, e);
                }
                report.writeFailed(e, queue.size());
                report.observeDrops(dropped.sum());
                if (!pause(backoff)) {
                    return new Outcome(false, true, e);
                }
                backoff = Math.min(backoff * 2, settings.retryMaxBackoff().toNanos());
            }
        }
    }

    /** Waits {@code nanos} before a retry, less if closing runs out of time; false if it has. */
    private boolean pause(long nanos) {
        long end = System.nanoTime() + nanos;
        for (long left = nanos; left > 0 && !givingUp(); left = end - System.nanoTime()) {
            LockSupport.parkNanos(this, closing ? Math.min(left, closeDeadline - System.nanoTime()) : left);
        }
        return !givingUp();
    }

    private boolean givingUp() {
        return stopped || closing && System.nanoTime() - closeDeadline >= 0;
    }

    /** Stops accepting rows, writes what it can within the close timeout, and stops the writer thread. */
    @Override
    public void close() {
        if (!closeCalled.compareAndSet(false, true)) {
            return;
        }
        closeDeadline = System.nanoTime() + settings.closeTimeout().toNanos();
        closing = true;
        LockSupport.unpark(writer);
        try {
            if (!writer.join(settings.closeTimeout().plus(CLOSE_GRACE))) {
                // Stuck in a write (e.g. waiting for a connection): interrupt it rather than wait any longer.
                stopped = true;
                writer.interrupt();
                writer.join(CLOSE_GRACE);
            }
        } catch (InterruptedException e) {
            stopped = true;
            writer.interrupt();
            Thread.currentThread().interrupt();
        }
        long left = queue.size();
        if (left > 0) {
            LOG.warn("Log writer closed with {} log rows not written ({} written, {} dropped, {} refused)",
                    left, writtenCount(), droppedCount(), rejectedCount());
        }
    }

    /** How one write ended: written, refused by the database, or abandoned because closing ran out of time. */
    private record Outcome(boolean written, boolean gaveUp, RuntimeException failure) {
        static final Outcome WRITTEN = new Outcome(true, false, null);
    }
}
