package io.inferencegateway.worker.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which batches the next lines of one endpoint come from: the most urgent batches first ({@link Urgency}), and among
 * equally urgent ones, users in turn by the lines their batches of that urgency have been given (the one given least
 * goes next: lines a user's more urgent batch took do not count against that user's others), and a user's batches in
 * turn the same way. A batch that arrives later starts level with the others (at the least any has), so a newcomer
 * shares from now on instead of being owed the past, and a 20-line batch behind a 50,000-line one starts at once.
 * Not thread-safe: the scheduler's loop owns it.
 */
final class FairOrder {

    /** A batch with lines to dispatch. */
    record Candidate(String batchId, String userId, Instant deadline, int available) {
    }

    private final Map<String, Long> givenToBatch = new HashMap<>();

    /**
     * Chooses up to {@code lines} lines among the candidates.
     *
     * @return how many lines to take from each batch, in the order chosen
     */
    Map<String, Integer> pick(List<Candidate> candidates, int lines, Instant now) {
        forgetAllBut(candidates);
        Map<String, Integer> left = new HashMap<>();
        Map<String, Integer> tiers = new HashMap<>();
        for (Candidate c : candidates) {
            left.put(c.batchId(), c.available());
            tiers.put(c.batchId(), Urgency.tier(c.deadline(), now));
        }
        Map<String, Integer> chosen = new LinkedHashMap<>();
        for (int i = 0; i < lines; i++) {
            Candidate next = next(candidates, left, tiers);
            if (next == null) {
                break;
            }
            chosen.merge(next.batchId(), 1, Integer::sum);
            left.merge(next.batchId(), -1, Integer::sum);
            givenToBatch.merge(next.batchId(), 1L, Long::sum);
        }
        return chosen;
    }

    private Candidate next(List<Candidate> candidates, Map<String, Integer> left, Map<String, Integer> tiers) {
        int urgent = Integer.MAX_VALUE;
        for (Candidate c : candidates) {
            if (left.get(c.batchId()) > 0) {
                urgent = Math.min(urgent, tiers.get(c.batchId()));
            }
        }
        // What each user's batches of this urgency were given: the user to serve next has the least.
        Map<String, Long> byUser = new HashMap<>();
        for (Candidate c : candidates) {
            if (tiers.get(c.batchId()) == urgent) {
                byUser.merge(c.userId(), given(givenToBatch, c.batchId()), Long::sum);
            }
        }
        Candidate best = null;
        for (Candidate c : candidates) {
            if (left.get(c.batchId()) <= 0 || tiers.get(c.batchId()) != urgent) {
                continue;
            }
            if (best == null || isBefore(c, best, byUser)) {
                best = c;
            }
        }
        return best;
    }

    private boolean isBefore(Candidate a, Candidate b, Map<String, Long> byUser) {
        int user = Long.compare(byUser.get(a.userId()), byUser.get(b.userId()));
        if (user != 0) {
            return user < 0;
        }
        int batch = Long.compare(given(givenToBatch, a.batchId()), given(givenToBatch, b.batchId()));
        // Equal so far: the earlier deadline first.
        return batch != 0 ? batch < 0 : a.deadline().isBefore(b.deadline());
    }

    private static long given(Map<String, Long> counts, String key) {
        return counts.getOrDefault(key, 0L);
    }

    /** Drops the counts of batches no longer here, and levels newcomers with the least of the others. */
    private void forgetAllBut(List<Candidate> candidates) {
        Set<String> batches = candidates.stream().map(Candidate::batchId).collect(Collectors.toSet());
        givenToBatch.keySet().retainAll(batches);
        level(givenToBatch, new ArrayList<>(batches));
    }

    private static void level(Map<String, Long> counts, List<String> keys) {
        long least = keys.stream().filter(counts::containsKey).mapToLong(counts::get).min().orElse(0);
        for (String key : keys) {
            counts.putIfAbsent(key, least);
        }
    }
}
