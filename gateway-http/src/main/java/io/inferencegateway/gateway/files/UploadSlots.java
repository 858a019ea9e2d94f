package io.inferencegateway.gateway.files;

import io.inferencegateway.gateway.http.ApiException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Uploads under way per user on this replica, capped: one user's slow or stalled uploads cannot take the replica's
 * threads and disk from everyone else. A user with none under way has no entry.
 */
final class UploadSlots {

    private final int perUser;
    private final ConcurrentMap<String, Integer> underWay = new ConcurrentHashMap<>();

    UploadSlots(int perUser) {
        this.perUser = perUser;
    }

    /** Takes a slot for {@code userId} or refuses with a 429; the caller must {@link #release} a slot it took. */
    void take(String userId) {
        boolean[] taken = {false};
        underWay.compute(userId, (user, count) -> {
            int current = count == null ? 0 : count;
            if (current >= perUser) {
                return count;
            }
            taken[0] = true;
            return current + 1;
        });
        if (!taken[0]) {
            throw new ApiException(429, "too_many_uploads", "You have " + perUser + " uploads under way; wait for "
                    + "one to finish before starting another.", null, "5");
        }
    }

    void release(String userId) {
        underWay.computeIfPresent(userId, (user, count) -> count <= 1 ? null : count - 1);
    }
}
