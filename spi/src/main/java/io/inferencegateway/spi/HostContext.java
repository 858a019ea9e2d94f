package io.inferencegateway.spi;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The {@link AdaptorContext} a host gives the adaptors it builds: its environment and services, and the resources
 * they share. The registry builds one per set of adaptors; an adaptor's own tests can build one too.
 */
public final class HostContext implements AdaptorContext, AutoCloseable {

    // The JDK's logger: the SPI depends on nothing but Jackson, and a host's logging picks this up through its bridge.
    private static final System.Logger LOG = System.getLogger(HostContext.class.getName());

    private final Function<String, String> environment;
    private final List<Object> services;
    private final Map<Class<?>, AutoCloseable> shared = new HashMap<>();
    private final Deque<AutoCloseable> closeOrder = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * @param environment looks up environment variables
     * @param services    objects the host offers adaptors, found by type
     */
    public HostContext(Function<String, String> environment, List<?> services) {
        this.environment = environment;
        this.services = List.copyOf(services);
    }

    @Override
    public String environment(String name) {
        return environment.apply(name);
    }

    @Override
    public <T> Optional<T> service(Class<T> type) {
        return services.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    @Override
    public <T extends AutoCloseable> T shared(Class<T> type, Function<AdaptorContext, T> factory) {
        // Creation is rare (once per type), so one lock keeps it simple; adaptors are built on one thread anyway.
        lock.lock();
        try {
            AutoCloseable existing = shared.get(type);
            if (existing != null) {
                return type.cast(existing);
            }
            T created = factory.apply(this);
            shared.put(type, created);
            closeOrder.push(created);
            return created;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the shared resources, newest first. */
    @Override
    public void close() {
        lock.lock();
        try {
            while (!closeOrder.isEmpty()) {
                AutoCloseable resource = closeOrder.pop();
                try {
                    resource.close();
                } catch (Exception e) {
                    LOG.log(System.Logger.Level.WARNING, "Closing shared adaptor resource " + resource + " failed", e);
                }
            }
            shared.clear();
        } finally {
            lock.unlock();
        }
    }
}
