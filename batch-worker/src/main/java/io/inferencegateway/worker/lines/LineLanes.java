package io.inferencegateway.worker.lines;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The lanes of one worker ({@link LineConsumer}s, one thread and one share consumer each) and the virtual threads
 * their lines run on. Closing stops every lane (running lines get a grace period, the rest are released to the
 * group) and then interrupts what still runs.
 */
public final class LineLanes implements AutoCloseable {

    private final List<LineConsumer> lanes = new ArrayList<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    /** A factory of one lane, given its number and the shared line threads. */
    public interface LaneFactory {
        LineConsumer create(int lane, ExecutorService threads);
    }

    public LineLanes(int count, String threadName, LaneFactory factory) {
        for (int i = 0; i < count; i++) {
            LineConsumer lane = factory.create(i, threads);
            lanes.add(lane);
            Thread thread = new Thread(lane, threadName + "-" + i);
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public void close() {
        lanes.forEach(LineConsumer::stop);
        lanes.forEach(LineConsumer::awaitStopped);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
