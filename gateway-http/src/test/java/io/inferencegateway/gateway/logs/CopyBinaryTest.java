package io.inferencegateway.gateway.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CopyBinaryTest {

    private static final String HEADER = "5047434f50590aff0d0a00" + "00000000" + "00000000";
    private static final String TRAILER = "ffff";

    @Test
    void writesPostgresBinaryCopyFormat() throws IOException {
        CopyBinary copy = new CopyBinary(0);
        assertThat(copy.isEmpty()).isTrue();
        copy.row(7)
                .uuid(new UUID(0x0102030405060708L, 0x090a0b0c0d0e0f10L))
                .text("é")
                .text(null)
                .int4(-2)
                .float8(1.5)
                .bool(true)
                // One microsecond after PostgreSQL's epoch: 1.499 µs rounds to the nearest microsecond.
                .timestamp(Instant.parse("2000-01-01T00:00:00.000001499Z"));

        assertThat(copy.isEmpty()).isFalse();
        assertThat(HexFormat.of().formatHex(copy.data().readAllBytes())).isEqualTo(HEADER
                + "0007"
                + "00000010" + "0102030405060708090a0b0c0d0e0f10"
                + "00000002" + "c3a9"
                + "ffffffff"
                + "00000004" + "fffffffe"
                + "00000008" + "3ff8000000000000"
                + "00000001" + "01"
                + "00000008" + "0000000000000001"
                + TRAILER);
    }

    @Test
    void timestampsBeforePostgresEpochAreNegative() throws IOException {
        CopyBinary copy = new CopyBinary(0).row(1).timestamp(Instant.parse("1999-12-31T23:59:59Z"));

        assertThat(HexFormat.of().formatHex(copy.data().readAllBytes()))
                .isEqualTo(HEADER + "0001" + "00000008" + "fffffffffff0bdc0" + TRAILER);
    }

    @Test
    void halfAMicrosecondRoundsUpEvenIntoTheNextSecond() throws IOException {
        CopyBinary copy = new CopyBinary(0).row(2)
                .timestamp(Instant.parse("2000-01-01T00:00:00.000000500Z"))
                .timestamp(Instant.parse("1999-12-31T23:59:59.999999500Z"));

        assertThat(HexFormat.of().formatHex(copy.data().readAllBytes())).isEqualTo(HEADER + "0002"
                + "00000008" + "0000000000000001"
                + "00000008" + "0000000000000000"
                + TRAILER);
    }

    @Test
    void growsPastItsInitialCapacity() throws IOException {
        String large = "x".repeat(10_000);
        CopyBinary copy = new CopyBinary(16);
        for (int i = 0; i < 3; i++) {
            copy.row(1).text(large);
        }

        assertThat(copy.data().readAllBytes()).hasSize(HEADER.length() / 2 + 3 * (2 + 4 + 10_000) + 2);
    }

    @Test
    void refusesRowsWhoseValuesDoNotMatchTheirDeclaredCount() {
        assertThatThrownBy(() -> new CopyBinary(0).row(1).int4(1).int4(2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new CopyBinary(0).row(2).int4(1).row(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new CopyBinary(0).row(2).int4(1).data()).isInstanceOf(IllegalStateException.class);
    }
}
