package io.inferencegateway.metrics;

import io.inferencegateway.spi.AdaptorMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/** The adaptors' metrics on a process's Micrometer registry: gateway-http and the batch workers offer it alike. */
public final class MicrometerAdaptorMetrics implements AdaptorMetrics {

    private final MeterRegistry registry;

    public MicrometerAdaptorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void counter(String name, String description, LongSupplier count) {
        // Micrometer's Prometheus naming appends _total to a counter itself.
        FunctionCounter.builder(name.endsWith("_total") ? name.substring(0, name.length() - 6) : name, count,
                        LongSupplier::getAsLong)
                .description(description).register(registry);
    }

    @Override
    public void gauge(String name, String description, DoubleSupplier value) {
        Gauge.builder(name, value, DoubleSupplier::getAsDouble).description(description).register(registry);
    }
}
