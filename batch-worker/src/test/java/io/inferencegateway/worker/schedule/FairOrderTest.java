package io.inferencegateway.worker.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferencegateway.worker.schedule.FairOrder.Candidate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FairOrderTest {

    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    static final Instant DAY = NOW.plus(Duration.ofHours(24));

    FairOrder order = new FairOrder();

    @Test
    void usersShareEquallyWhateverTheSizeOfTheirBatches() {
        List<Candidate> batches = List.of(new Candidate("big", "alice", DAY, 50_000),
                new Candidate("small", "bob", DAY.minusSeconds(60), 20));

        assertThat(order.pick(batches, 10, NOW)).containsEntry("big", 5).containsEntry("small", 5);
    }

    @Test
    void aLaterUserStartsLevelWithTheOthersInsteadOfBeingOwedThePast() {
        order.pick(List.of(new Candidate("big", "alice", DAY, 50_000)), 1_000, NOW);

        Map<String, Integer> next = order.pick(List.of(new Candidate("big", "alice", DAY, 49_000),
                new Candidate("small", "bob", DAY, 20)), 10, NOW);

        assertThat(next).containsEntry("big", 5).containsEntry("small", 5);
    }

    @Test
    void aUsersBatchesShareThatUsersPart() {
        Map<String, Integer> picked = order.pick(List.of(new Candidate("a1", "alice", DAY, 100),
                new Candidate("a2", "alice", DAY, 100), new Candidate("b", "bob", DAY, 100)), 8, NOW);

        assertThat(picked).containsEntry("b", 4).containsEntry("a1", 2).containsEntry("a2", 2);
    }

    @Test
    void theMostUrgentBatchesGoFirstAndOthersTakeWhatIsLeft() {
        Map<String, Integer> picked = order.pick(List.of(new Candidate("relaxed", "alice", DAY, 100),
                new Candidate("urgent", "bob", NOW.plus(Duration.ofMinutes(30)), 6)), 10, NOW);

        assertThat(picked).containsExactly(Map.entry("urgent", 6), Map.entry("relaxed", 4));
    }

    @Test
    void noMoreLinesAreChosenThanTheBatchesHave() {
        assertThat(order.pick(List.of(new Candidate("a", "alice", DAY, 3), new Candidate("b", "bob", DAY, 0)), 10,
                NOW)).containsExactly(Map.entry("a", 3));
    }

    @Test
    void linesAUsersUrgentBatchTookDoNotCountAgainstThatUsersOtherBatches() {
        Instant soon = NOW.plus(Duration.ofMinutes(4));
        order.pick(List.of(new Candidate("urgent-b", "bob", soon, 300), new Candidate("relaxed-a", "alice", DAY, 300),
                new Candidate("relaxed-b", "bob", DAY, 300)), 300, NOW);

        Map<String, Integer> after = order.pick(List.of(new Candidate("relaxed-a", "alice", DAY, 300),
                new Candidate("relaxed-b", "bob", DAY, 300)), 10, NOW);

        assertThat(after).containsEntry("relaxed-a", 5).containsEntry("relaxed-b", 5);
    }
}
