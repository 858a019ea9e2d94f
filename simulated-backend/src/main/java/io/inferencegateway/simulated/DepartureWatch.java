package io.inferencegateway.simulated;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices clients that leave while their non-streaming request waits for its answer, and interrupts its handler, as
 * vLLM aborts the request of a client that disconnects: the simulated model then frees the request's slot or place
 * in the queue at once (a batch worker that cuts a line short for interactive requests relies on exactly that).
 * Streams need none of this: their next write fails.
 *
 * <p>Jetty reads nothing from an HTTP/1.1 connection while its request is being handled, so it would notice the
 * close only when the answer is written. Every {@link #INTERVAL_MILLIS} one thread reads, without blocking, from
 * each watched connection: end of stream (or a reset) means the client left. Bytes instead would be a pipelined next
 * request, which no client of an inference server sends: the watch then stops and the answer closes the
 * connection, whose remaining bytes are not a request any more.
 */
final class DepartureWatch implements AutoCloseable {

    static final long INTERVAL_MILLIS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(DepartureWatch.class);

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    /** Connections that could not be looked at: the first is logged. */
    private final AtomicLong lookFailures = new AtomicLong();
    private final ScheduledExecutorService looker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("simulated-departure-watch").factory());

    DepartureWatch() {
        looker.scheduleWithFixedDelay(this::lookAtAll, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Watches the request's connection on behalf of the calling thread (its handler) until the returned watch is
     * closed; a request on a connection that cannot be watched gets a watch that does nothing.
     */
    Watched watch(HttpServletRequest servletRequest) {
        EndPoint endPoint = ServletContextRequest.getServletContextRequest(servletRequest).getConnectionMetaData()
                .getConnection().getEndPoint();
        Watched watch = new Watched(Thread.currentThread(),
                endPoint instanceof SocketChannelEndPoint socket ? socket.getChannel() : null);
        if (watch.channel != null) {
            watched.add(watch);
        }
        return watch;
    }

    private void lookAtAll() {
        // The only task of its thread: an exception would end its schedule, so none escapes.
        for (Watched watch : watched) {
            try {
                watch.look();
            } catch (RuntimeException e) {
                watched.remove(watch);
                if (lookFailures.incrementAndGet() == 1) {
                    LOG.warn("Cannot tell whether a client is still connected; its request runs to its end", e);
                }
            }
        }
    }

    @Override
    public void close() {
        looker.shutdownNow();
        watched.clear();
    }

    /** One handler's watch over its request's connection. */
    final class Watched implements AutoCloseable {

        private final Thread handler;
        private final SocketChannel channel;
        private final ByteBuffer probe = ByteBuffer.allocate(1);
        // Guards the channel while watched: no read, and no interrupt, after close().
        private boolean open = true;
        private boolean pipelined;

        private Watched(Thread handler, SocketChannel channel) {
            this.handler = handler;
            this.channel = channel;
        }

        private synchronized void look() {
            if (!open) {
                return;
            }
            int read;
            try {
                probe.clear();
                read = channel.read(probe);
            } catch (IOException e) {
                read = -1; // reset by the peer: gone as well
            }
            if (read < 0) {
                open = false;
                watched.remove(this);
                handler.interrupt();
            } else if (read > 0) {
                pipelined = true;
                watched.remove(this);
            }
        }

        /** Whether the watch read a byte of a next request: the answer must close the connection. */
        synchronized boolean consumedNextRequest() {
            return pipelined;
        }

        /** Ends the watch; an interrupt for a client that left just as its answer was ready is cleared. */
        @Override
        public void close() {
            if (channel == null) {
                return;
            }
            watched.remove(this);
            synchronized (this) {
                open = false;
                Thread.interrupted();
            }
        }
    }
}
