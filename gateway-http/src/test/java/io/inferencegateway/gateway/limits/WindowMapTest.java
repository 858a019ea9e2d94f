package io.inferencegateway.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowMapTest {

    private static final long T0 = 1_800_000_000_000L;

    @Test
    void countsPerKeyWithinTheWindowOnly() {
        WindowMap perSecond = new WindowMap(10, 100);
        perSecond.add("alice", T0, 3);
        perSecond.add("alice", T0 + 500, 2);
        perSecond.add("bob", T0, 7);

        assertThat(perSecond.sum("alice", T0 + 600)).isEqualTo(5);
        assertThat(perSecond.sum("bob", T0 + 600)).isEqualTo(7);
        assertThat(perSecond.sum("carol", T0 + 600)).isZero();
        // A second later the first count has left alice's window, the second has not.
        assertThat(perSecond.sum("alice", T0 + 1_050)).isEqualTo(2);
        assertThat(perSecond.millisUntilOldestExpires("alice", T0 + 1_050)).isEqualTo(450);
    }

    @Test
    void forgetsOnlyTheWindowsWithNothingLeftInThem() {
        WindowMap perMinute = new WindowMap(60, 1000);
        for (int user = 0; user < 1_000; user++) {
            perMinute.add("user-" + user, T0, 10);
        }
        perMinute.add("still-active", T0 + 59_000, 4);
        perMinute.add("from-a-fast-clock", T0 + 31_000, 2);

        // Half a minute on, nothing is spent; counts stamped ahead of this clock keep their window too.
        assertThat(perMinute.forgetEmpty(T0 + 30_000)).isZero();
        assertThat(perMinute.forgetEmpty(T0 + 61_000)).isEqualTo(1_000);
        assertThat(perMinute.size()).isEqualTo(2);
        assertThat(perMinute.sum("still-active", T0 + 61_000)).isEqualTo(4);
        assertThat(perMinute.sum("user-7", T0 + 61_000)).isZero();

        // A forgotten user who comes back starts a fresh window.
        perMinute.add("user-7", T0 + 62_000, 5);
        assertThat(perMinute.sum("user-7", T0 + 62_000)).isEqualTo(5);
    }
}
