package io.inferencegateway.gateway.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogQueueTest {

    @Test
    void holdsExactlyItsCapacityUntilRowsAreReleased() {
        // 5 is not a power of two: the ring has 8 slots, the limit must still be 5.
        LogQueue queue = new LogQueue(5);
        List<AccessLogEntry> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(LogSamples.access("user-" + i));
            assertThat(queue.offer(rows.get(i))).isEqualTo(i);
        }
        assertThat(queue.offer(LogSamples.access("one too many"))).isEqualTo(-1);

        List<LogEntry> batch = new ArrayList<>();
        assertThat(queue.peek(batch, 10)).isEqualTo(5);
        assertThat(batch).containsExactlyElementsOf(rows);
        // Read is not released: a batch being retried still takes room.
        assertThat(queue.size()).isEqualTo(5);
        assertThat(queue.offer(LogSamples.access("still full"))).isEqualTo(-1);

        queue.release(2);
        assertThat(queue.size()).isEqualTo(3);
        assertThat(queue.offer(LogSamples.access("a"))).isEqualTo(5);
        assertThat(queue.offer(LogSamples.access("b"))).isEqualTo(6);
        assertThat(queue.offer(LogSamples.access("c"))).isEqualTo(-1);
    }

    @Test
    void peekTakesAtMostTheBatchFromTheOldest() {
        LogQueue queue = new LogQueue(10);
        List<AccessLogEntry> rows = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            rows.add(LogSamples.access("user-" + i));
            queue.offer(rows.get(i));
        }
        List<LogEntry> batch = new ArrayList<>();

        assertThat(queue.peek(batch, 3)).isEqualTo(3);
        queue.release(3);
        batch.clear();
        assertThat(queue.peek(batch, 10)).isEqualTo(4);

        assertThat(batch).containsExactlyElementsOf(rows.subList(3, 7));
    }

    @Test
    void keepsOrderAcrossManyLapsOfTheRing() {
        LogQueue queue = new LogQueue(3);
        List<LogEntry> batch = new ArrayList<>();
        for (int lap = 0; lap < 100; lap++) {
            AccessLogEntry first = LogSamples.access("first-" + lap);
            AccessLogEntry second = LogSamples.access("second-" + lap);
            queue.offer(first);
            queue.offer(second);
            batch.clear();
            assertThat(queue.peek(batch, 10)).isEqualTo(2);
            assertThat(batch).containsExactly(first, second);
            queue.release(2);
        }
        assertThat(queue.size()).isZero();
    }
}
