package io.inferencegateway.worker;

import io.inferencegateway.kafka.KafkaSettings;
import io.inferencegateway.kafka.Topics;
import io.inferencegateway.persistence.DatabaseSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.CountDownLatch;

/**
 * A batch worker in a JVM of its own, for tests that kill it or measure it: {@code WorkerProcess <jdbc url> <user>
 * <password> <bootstrap servers> <topic prefix> <group prefix> <worker id>}. Prints {@code WORKER READY} once started
 * and, when stopped with SIGTERM, {@code PEAK_HEAP_BYTES=<n>}.
 */
public final class WorkerProcess {

    public static void main(String[] args) throws InterruptedException {
        DatabaseSettings database = new DatabaseSettings(args[0], args[1], args[2], 8);
        KafkaSettings kafka = new KafkaSettings(args[3], "child");
        Topics topics = new Topics(args[4], WorkerStack.PARTITIONS);
        BatchWorker worker = BatchWorker.start(database, kafka, topics, System::getenv,
                WorkerStack.settings(args[6], args[5]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.close();
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.println("PEAK_HEAP_BYTES=" + peak);
            System.out.flush();
            stopped.countDown();
        }));
        System.out.println("WORKER READY");
        System.out.flush();
        stopped.await();
    }
}
