package io.inferencegateway.adaptors.http;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.TimeoutException;

/** What kind of failure an exception from an HTTP call to a backend is, so adaptors map it to one status code. */
public enum UpstreamFailure {

    /** The backend accepted the connection but did not answer in time (idle or total timeout): 504. */
    TIMEOUT,

    /**
     * No connection could be made (refused, unknown host, no route, connect timeout): 503, so the gateway can fail
     * over to another cluster.
     */
    UNREACHABLE,

    /** Anything else, such as a connection closed before the answer or a malformed response: 502. */
    OTHER;

    private static final int MAX_DESCRIPTION = 200;

    public static UpstreamFailure of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            // Jetty reports a connect timeout as SocketTimeoutException and idle/total timeouts as TimeoutException.
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof UnresolvedAddressException
                    || t instanceof SocketTimeoutException) {
                return UNREACHABLE;
            }
            if (t instanceof TimeoutException) {
                return TIMEOUT;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return OTHER;
    }

    /**
     * The innermost cause in a few words, for an error message a client reads. An unreachable backend is named by
     * what happened only: the exception's own words carry its host, address and port, which are the operator's to
     * know (issue 14); log {@link #detail} beside the backend's URL for them.
     */
    public static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String unreachable = switch (t) {
                case ConnectException e -> "connection refused";
                case UnknownHostException e -> "host name not found";
                case UnresolvedAddressException e -> "host name not found";
                case NoRouteToHostException e -> "no route to host";
                case SocketTimeoutException e -> "connect timed out";
                default -> null;
            };
            if (unreachable != null) {
                return unreachable;
            }
        }
        return detail(failure);
    }

    /** The innermost cause with its own message, shortened: for logs, and for failures that name no address. */
    public static String detail(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof EOFException) {
            // Jetty's EOF messages dump the connection's internal state; the fact is all a reader needs.
            return "connection closed before the response was complete";
        }
        String message = root.getMessage();
        String text = message == null || message.isBlank() ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + message;
        return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION) + "...";
    }
}
