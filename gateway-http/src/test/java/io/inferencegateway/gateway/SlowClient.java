package io.inferencegateway.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A client that sends its request a little at a time on a non-blocking socket, and notes when the server closes the
 * connection: a slowloris when it never finishes. Every method returns at once.
 */
final class SlowClient implements AutoCloseable {

    private final SocketChannel channel;
    private final long openedAt = System.nanoTime();
    private final StringBuilder received = new StringBuilder();
    private volatile long closedAt = -1;

    SlowClient(int port) throws IOException {
        channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        channel.configureBlocking(false);
    }

    /** Sends {@code text} unless the server has closed the connection, then reads whatever came back. */
    synchronized void send(String text) {
        if (closed()) {
            return;
        }
        try {
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
            closedAt = System.nanoTime(); // reset by the server
            return;
        }
        poll();
    }

    /** Reads what the server sent so far; true once it has closed the connection. */
    synchronized boolean closed() {
        if (closedAt < 0) {
            poll();
        }
        return closedAt >= 0;
    }

    /** How long the connection lived, in milliseconds, once it is closed. */
    long livedMillis() {
        return (closedAt - openedAt) / 1_000_000;
    }

    /** Everything the server has sent so far. */
    synchronized String received() {
        if (closedAt < 0) {
            poll();
        }
        return received.toString();
    }

    private void poll() {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        try {
            for (int n = channel.read(buffer); n != 0; n = channel.read(buffer)) {
                if (n < 0) {
                    closedAt = System.nanoTime();
                    return;
                }
                received.append(new String(buffer.array(), 0, n, StandardCharsets.UTF_8));
                buffer.clear();
            }
        } catch (IOException e) {
            closedAt = System.nanoTime();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
