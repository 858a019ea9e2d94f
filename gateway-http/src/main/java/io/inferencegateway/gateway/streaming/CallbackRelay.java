package io.inferencegateway.gateway.streaming;

import io.inferencegateway.adaptors.globus.CallbackStream;
import io.inferencegateway.adaptors.globus.StreamCallbacks;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The streams of the clients this replica holds, by task id. Chunks posted to this replica's callback routes
 * reach them directly: each replica gives the remote function its own callback address, so no shared store is
 * needed between replicas.
 */
public final class CallbackRelay implements StreamCallbacks {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, CallbackChannel> channels = new ConcurrentHashMap<>();

    @Override
    public CallbackStream open(Duration firstDataTimeout, Duration idleTimeout) {
        String taskId = UUID.randomUUID().toString();
        // 256 bits, URL-safe, as FIRST's secrets.token_urlsafe(32).
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        CallbackChannel channel = new CallbackChannel(taskId, token, firstDataTimeout, idleTimeout,
                () -> channels.remove(taskId));
        channels.put(taskId, channel);
        return channel;
    }

    Optional<CallbackChannel> channel(String taskId) {
        return Optional.ofNullable(channels.get(taskId));
    }

    /** Streams open now (for tests and metrics). */
    public int openStreams() {
        return channels.size();
    }
}
