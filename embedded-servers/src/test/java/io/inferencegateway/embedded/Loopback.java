package io.inferencegateway.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/** What tests check from outside a server: does its port answer, where do test runs keep files. */
public final class Loopback {

    private Loopback() {
    }

    public static boolean acceptsConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** target/test-runs of this module, the base of the run directories tests create themselves. */
    public static Path testRuns() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target").resolve("test-runs");
    }

    /** The JVM's resident set size in MiB, read from /proc (Linux), for the figures tests log. */
    public static long residentMebibytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
