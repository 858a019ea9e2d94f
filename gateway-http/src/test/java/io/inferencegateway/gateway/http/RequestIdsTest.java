package io.inferencegateway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void idsAreVersionSevenUuidsThatCarryTheirTimeAndSortByIt() {
        long before = System.currentTimeMillis();
        UUID first = RequestIds.newId();
        long after = System.currentTimeMillis();

        assertThat(first.version()).isEqualTo(7);
        assertThat(first.variant()).isEqualTo(2);
        // The top 48 bits are the Unix time in milliseconds (RFC 9562), which is what keeps log indexes append-only.
        assertThat(first.getMostSignificantBits() >>> 16).isBetween(before, after);

        long firstMillis = first.getMostSignificantBits() >>> 16;
        UUID later;
        do {
            later = RequestIds.newId();
        } while ((later.getMostSignificantBits() >>> 16) == firstMillis);
        // A later millisecond sorts after, as PostgreSQL compares uuids byte by byte.
        assertThat(later.toString()).isGreaterThan(first.toString());
    }

    @Test
    void idsAreUniqueUnderLoad() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            assertThat(seen.add(RequestIds.newId())).isTrue();
        }
    }
}
