package io.inferencegateway.gateway.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request head (request line and headers) is not complete within the deadline. Jetty's
 * idle timeout never does: every trickled byte restarts it, so a slowloris client keeps a connection for as long as
 * it likes. A new connection counts from its opening, whether it sent anything or not; a kept-alive one from the
 * first byte of its next request, while between requests it is left to the idle timeout.
 *
 * <p>A bean of the connector: it hears of every connection opened and closed, and looks at the open ones a few
 * times per deadline on the connector's scheduler. It reads each connection's parser (Jetty's own state, volatile)
 * and counters, and never touches a connection that is handling a request.
 */
final class HeadDeadline extends AbstractLifeCycle implements Connection.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(HeadDeadline.class);

    private final long deadlineNanos;
    private final long sweepMillis;
    private final Scheduler scheduler;
    private final Map<HttpConnection, Watch> open = new ConcurrentHashMap<>();

    /** @param scheduler the connector's, which Jetty starts before this bean and stops after it */
    HeadDeadline(Duration deadline, Scheduler scheduler) {
        this.deadlineNanos = deadline.toNanos();
        // Late by at most a fifth of the deadline, and never busier than ten sweeps a second.
        this.sweepMillis = Math.clamp(deadline.toMillis() / 5, 100, 1_000);
        this.scheduler = scheduler;
    }

    @Override
    protected void doStart() {
        schedule();
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            open.put(http, new Watch(System.nanoTime()));
        }
    }

    @Override
    public void onClosed(Connection connection) {
        open.remove(connection);
    }

    private void schedule() {
        if (isRunning() || isStarting()) {
            scheduler.schedule(this::sweep, sweepMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void sweep() {
        try {
            long now = System.nanoTime();
            open.forEach((connection, watch) -> {
                if (watch.overdue(connection, now, deadlineNanos)) {
                    LOG.debug("Closing {}: its request head took longer than {} ms", connection,
                            TimeUnit.NANOSECONDS.toMillis(deadlineNanos));
                    open.remove(connection);
                    connection.close();
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Checking request heads failed", e);
        } finally {
            schedule();
        }
    }

    /** What the sweeper knows of one connection; touched by the sweeper thread only. */
    private static final class Watch {

        private static final long NONE = -1;

        private final long openedAt;
        /** Requests received when the connection was last seen at rest between two of them, and its bytes then. */
        private long restRequests = NONE;
        private long restBytes;
        /** When the head being received was first seen, and the request count it belongs to. */
        private long headSince = NONE;
        private long headRequests;

        Watch(long openedAt) {
            this.openedAt = openedAt;
        }

        boolean overdue(HttpConnection connection, long now, long deadline) {
            HttpParser parser = connection.getParser();
            if (!parser.inHeaderState()) {
                // A request is being handled: a pause in its body is the idle timeout's business.
                headSince = NONE;
                restRequests = NONE;
                return false;
            }
            long requests = connection.getMessagesIn();
            if (requests == 0) {
                return now - openedAt > deadline;
            }
            if (parser.isStart()) {
                // Between requests. Bytes that start no request (blank lines) count as the next head.
                long bytes = connection.getBytesIn();
                if (restRequests != requests) {
                    restRequests = requests;
                    restBytes = bytes;
                    headSince = NONE;
                    return false;
                }
                if (bytes == restBytes) {
                    return false;
                }
            }
            if (headSince == NONE || headRequests != requests) {
                headSince = now;
                headRequests = requests;
                return false;
            }
            return now - headSince > deadline;
        }
    }
}
