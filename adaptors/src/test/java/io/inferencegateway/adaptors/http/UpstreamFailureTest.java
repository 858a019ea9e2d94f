package io.inferencegateway.adaptors.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class UpstreamFailureTest {

    /** Issue 14: the words of an unreachable backend reach clients, so they name no host, address or port. */
    @Test
    void anUnreachableBackendIsDescribedWithoutItsAddress() {
        assertThat(UpstreamFailure.describe(wrapped(new ConnectException("Connection refused: /10.1.2.3:8000"))))
                .isEqualTo("connection refused");
        assertThat(UpstreamFailure.describe(wrapped(new UnknownHostException("vllm.internal.example"))))
                .isEqualTo("host name not found");
        assertThat(UpstreamFailure.describe(wrapped(new UnresolvedAddressException())))
                .isEqualTo("host name not found");
        assertThat(UpstreamFailure.describe(wrapped(new NoRouteToHostException("No route to host: 10.1.2.3"))))
                .isEqualTo("no route to host");
        assertThat(UpstreamFailure.describe(wrapped(new SocketTimeoutException("Connect Timeout: 10.1.2.3:8000"))))
                .isEqualTo("connect timed out");
    }

    @Test
    void otherFailuresKeepTheirShortDescription() {
        assertThat(UpstreamFailure.describe(wrapped(new EOFException("HttpConnection@1f2e{l:/127.0.0.1:1}"))))
                .isEqualTo("connection closed before the response was complete");
        assertThat(UpstreamFailure.describe(new IOException("bad status line")))
                .isEqualTo("IOException: bad status line");
    }

    private static Throwable wrapped(Throwable cause) {
        return new ExecutionException(cause);
    }
}
