package io.inferencegateway.spi;

import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Where an adaptor's own figures join the host's metrics ({@code /metrics} of gateway-http and of each worker),
 * offered as a service of the {@link AdaptorContext}. The host reads the suppliers when it is scraped, so an adaptor
 * only keeps its counts. Names follow Prometheus' conventions ({@code _total} for counters) and label values must
 * come from a closed set.
 */
public interface AdaptorMetrics {

    /** A count that only grows, e.g. failures of a background consumer that restarts. */
    void counter(String name, String description, LongSupplier count);

    /** A value that goes up and down, e.g. connections up just now. */
    void gauge(String name, String description, DoubleSupplier value);
}
