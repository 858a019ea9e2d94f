package io.inferencegateway.adaptors.http;

import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the one Jetty HTTP/1.1 client each built-in adaptor owns, and stops it. */
public final class JettyClients {

    private static final Logger LOG = LoggerFactory.getLogger(JettyClients.class);

    // Few platform threads per adaptor: a gateway may hold dozens of adaptors, and blocking work goes to
    // virtual threads anyway.
    private static final int MAX_PLATFORM_THREADS = 16;

    private JettyClients() {
    }

    /**
     * A started client. Every thread it owns is a daemon, so an adaptor that is never closed cannot keep the JVM
     * alive; redirects are not followed (an API that redirects a POST is misconfigured, and following would drop
     * or resend the body); responses are not compressed; cookies are neither kept nor sent. Response listeners run
     * on the client's selector thread, so they must never block: wait from the calling thread instead (the blocking
     * {@code send()}, or the stream of an {@code InputStreamResponseListener}), or complete a future whose
     * dependents are documented never to block.
     *
     * @param name                         names the client's threads, e.g. the endpoint slug
     * @param connectTimeout               how long to wait for a TCP connection
     * @param maxConnectionsPerDestination pool size per host and port
     */
    public static HttpClient start(String name, Duration connectTimeout, int maxConnectionsPerDestination) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_PLATFORM_THREADS, 1);
        threads.setName(name);
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        if (VirtualThreads.areSupported()) {
            threads.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor(name + "-virtual-"));
        }
        HttpClientTransportOverHTTP transport = new HttpClientTransportOverHTTP(1);
        // Responses are parsed on the selector thread that read them instead of a thread started per response:
        // at 16 concurrent calls that was 12 % of the gateway's CPU. Safe because no listener of ours blocks; they
        // buffer the answer, queue chunks for the caller's own thread to read, or complete an adaptor's
        // asynchronous stage, whose dependents must not block (BaseEndpoint.submitTaskAsync says so).
        transport.setInvocationType(InvocationType.NON_BLOCKING);
        HttpClient client = new HttpClient(transport);
        client.setName(name);
        client.setExecutor(threads);
        client.setScheduler(new ScheduledExecutorScheduler(name + "-scheduler", true));
        client.setConnectTimeout(connectTimeout.toMillis());
        client.setMaxConnectionsPerDestination(maxConnectionsPerDestination);
        client.setFollowRedirects(false);
        // The gateway calls backends for many users: a cookie one answer sets must not ride along on another's call.
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        // No Accept-Encoding: backends sit close by, and an uncompressed event stream reaches us as it is flushed.
        client.getContentDecoderFactories().clear();
        try {
            client.start();
        } catch (Exception e) {
            stop(client);
            throw new IllegalStateException("Cannot start the HTTP client " + name, e);
        }
        return client;
    }

    /** Stops the client, aborting its requests and closing its connections; never throws. */
    public static void stop(HttpClient client) {
        try {
            client.stop();
        } catch (Exception e) {
            LOG.warn("Stopping HTTP client {} failed", client.getName(), e);
        }
    }
}
