package io.inferencegateway.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on the loopback interface. */
final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /**
     * A port that was free a moment ago. Another process may take it before the server binds it; the servers here need
     * their port fixed up front (Kafka's controller quorum names it, and a restart must reuse it), so port 0 is no option.
     */
    static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on the loopback interface", e);
        }
    }
}
