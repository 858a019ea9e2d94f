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
 * equally urgent ones, users in turn by the lines each has been given (the one given least goes next), and a user's
 * batches in turn the same way. Counts start level for a user or batch that arrives later (at the least any other
 * has), so a newcomer shares from now on instead of being owed the past, and a 20-line batch behind a 50,000-line
 * one starts at once. Not thread-safe: the scheduler's loop owns it.
 */
final class FairOrder {

    /** A batch with lines to dispatch. */
    record Candidate(String batchId, String userId, Instant deadline, int available) {
    }

    private final Map<String, Long> givenToUser = new HashMap<>();
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
            givenToUser.merge(next.userId(), 1L, Long::sum);
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
        Candidate best = null;
        for (Candidate c : candidates) {
            if (left.get(c.batchId()) <= 0 || tiers.get(c.batchId()) != urgent) {
                continue;
            }
            if (best == null || isBefore(c, best)) {
                best = c;
            }
        }
        return best;
    }

    private boolean isBefore(Candidate a, Candidate b) {
        int byUser = Long.compare(given(givenToUser, a.userId()), given(givenToUser, b.userId()));
        if (byUser != 0) {
            return byUser < 0;
        }
        int byBatch = Long.compare(given(givenToBatch, a.batchId()), given(givenToBatch, b.batchId()));
        // Equal so far: the earlier deadline first.
        return byBatch != 0 ? byBatch < 0 : a.deadline().isBefore(b.deadline());
    }

    private static long given(Map<String, Long> counts, String key) {
        return counts.getOrDefault(key, 0L);
    }

    /** Drops the counts of batches and users no longer here, and levels newcomers with the least of the others. */
    private void forgetAllBut(List<Candidate> candidates) {
        Set<String> batches = candidates.stream().map(Candidate::batchId).collect(Collectors.toSet());
        Set<String> users = candidates.stream().map(Candidate::userId).collect(Collectors.toSet());
        givenToBatch.keySet().retainAll(batches);
        givenToUser.keySet().retainAll(users);
        level(givenToUser, new ArrayList<>(users));
        Map<String, List<String>> byUser = candidates.stream().collect(Collectors.groupingBy(Candidate::userId,
                Collectors.mapping(Candidate::batchId, Collectors.toList())));
        byUser.values().forEach(ids -> level(givenToBatch, ids));
    }

    private static void level(Map<String, Long> counts, List<String> keys) {
        long least = keys.stream().filter(counts::containsKey).mapToLong(counts::get).min().orElse(0);
        for (String key : keys) {
            counts.putIfAbsent(key, least);
        }
    }
}
