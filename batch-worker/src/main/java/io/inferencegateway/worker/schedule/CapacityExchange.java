package io.inferencegateway.worker.schedule;

import io.inferencegateway.capacity.CapacityMessage;
import io.inferencegateway.capacity.WorkerReport;
import io.inferencegateway.worker.kafka.RecordSender;
import io.inferencegateway.worker.lines.EndpointGate;
import io.inferencegateway.worker.lines.Endpoints;
import io.inferencegateway.worker.supervision.Loop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's side of the capacity topic: every half second it reports how its calls to each endpoint ended (which
 * also says it is alive), it hands every report it reads to the {@link CapacityBoard} the scheduler decides from, and
 * it holds each endpoint's gate to this worker's part of the scheduler's budget, or to the endpoint's cap when no
 * budget came for {@link #BUDGET_MAX_AGE} (no scheduler leads, or scheduling is off).
 */
public final class CapacityExchange implements Loop {

    private static final Logger LOG = LoggerFactory.getLogger(CapacityExchange.class);
    static final Duration REPORT_INTERVAL = Duration.ofMillis(500);
    static final Duration BUDGET_MAX_AGE = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Consumer<String, CapacityMessage> consumer;
    private final String topic;
    private final RecordSender sender;
    private final String workerId;
    private final Endpoints endpoints;
    private final CapacityBoard board;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;

    public CapacityExchange(Consumer<String, CapacityMessage> consumer, String topic, RecordSender sender, String workerId,
                     Endpoints endpoints, CapacityBoard board) {
        this.consumer = consumer;
        this.topic = topic;
        this.sender = sender;
        this.workerId = workerId;
        this.endpoints = endpoints;
        this.board = board;
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            long nextReport = 0;
            boolean following = false;
            while (!stopping) {
                for (ConsumerRecord<String, CapacityMessage> record : consumer.poll(POLL)) {
                    if (record.value() != null) {
                        board.accept(record.value());
                    }
                }
                long now = System.currentTimeMillis();
                following = follow(now, following);
                if (now >= nextReport) {
                    report(now);
                    nextReport = now + REPORT_INTERVAL.toMillis();
                }
            }
        } catch (WakeupException e) {
            // close() woke the poll up.
        } finally {
            consumer.close(Duration.ofSeconds(1));
            stopped.countDown();
        }
    }

    private boolean follow(long now, boolean following) {
        if (board.applyParts(workerId, now, BUDGET_MAX_AGE.toMillis(), endpoints)) {
            return true;
        }
        if (following) {
            LOG.warn("No batch budget for {}: every endpoint runs at this worker's cap until the scheduler speaks "
                    + "again", BUDGET_MAX_AGE);
        }
        return false;
    }

    private void report(long now) {
        List<WorkerReport.EndpointLoad> loads = new ArrayList<>();
        for (EndpointGate gate : endpoints.gates()) {
            loads.add(gate.report());
        }
        WorkerReport report = new WorkerReport(workerId, now, loads);
        // Read back from the topic like everyone's, but also at once: the scheduler may be this worker.
        board.accept(report);
        sender.send(topic, workerId, report, (metadata, e) -> {
            if (e != null) {
                LOG.debug("Capacity report not sent: {}", e.toString());
            }
        });
    }

    @Override
    public void close() {
        stopping = true;
        consumer.wakeup();
        try {
            stopped.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
