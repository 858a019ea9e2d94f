package io.inferencegateway.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue 14: keys were stored as unkeyed SHA-256, so a leaked table could be matched against guessed short keys. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ApiKeyHasherTest {

    private static final String SECRET = "test-secret-of-at-least-32-characters";

    @Test
    void keysAreStoredAsHmacSha256UnderTheSecret() {
        ApiKeyHasher hasher = new ApiKeyHasher(SECRET);

        // python3 -c "import hmac,hashlib; print(hmac.new(b'<SECRET>', b'igw-abc', hashlib.sha256).hexdigest())"
        assertThat(hasher.hash("igw-abc"))
                .isEqualTo("ae3d45ab03fa2dc501422384cc883d8d6ce8ae330631426ce50347aba93ee914");
        // echo -n igw-abc | sha256sum: what was stored before, and what a guesser without the secret can compute
        assertThat(hasher.legacyHash("igw-abc"))
                .isEqualTo("6d12c98669bc31f672e83500344fe62b900f159c16c279a6037fae7de368cf27");
        assertThat(new ApiKeyHasher(SECRET + "x").hash("igw-abc")).isNotEqualTo(hasher.hash("igw-abc"));
    }

    @Test
    void theFingerprintTellsSecretsApartWithoutShowingThem() {
        ApiKeyHasher hasher = new ApiKeyHasher(SECRET);

        assertThat(hasher.fingerprint()).hasSize(64).isEqualTo(new ApiKeyHasher(SECRET).fingerprint())
                .isNotEqualTo(new ApiKeyHasher(SECRET + "x").fingerprint()).doesNotContain(SECRET);
        assertThat(hasher.toString()).doesNotContain(SECRET);
    }

    @Test
    void hashesConcurrentlyWithoutMixingKeys() throws Exception {
        ApiKeyHasher hasher = new ApiKeyHasher(SECRET);
        List<String> keys = IntStream.range(0, 200).mapToObj(i -> ApiKeys.generate()).toList();
        List<String> expected = keys.stream().map(hasher::hash).toList();
        try (var executor = Executors.newFixedThreadPool(8)) {
            List<Callable<String>> hashes = keys.stream().<Callable<String>>map(key -> () -> hasher.hash(key)).toList();
            List<String> actual = executor.invokeAll(hashes).stream().map(ApiKeyHasherTest::get).toList();
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void theSecretComesFromTheEnvironmentAndMustBeLongEnough() {
        assertThat(ApiKeyHasher.fromEnvironment(Map.of(ApiKeyHasher.VARIABLE, SECRET)::get).hash("igw-abc"))
                .isEqualTo(new ApiKeyHasher(SECRET).hash("igw-abc"));

        assertThatThrownBy(() -> ApiKeyHasher.fromEnvironment(Map.<String, String>of()::get))
                .hasMessageStartingWith("GATEWAY_KEY_HASH_SECRET is not set")
                .hasMessageContaining("GATEWAY_KEY_HASH_SECRET_FILE").hasMessageContaining("32");
        assertThatThrownBy(() -> ApiKeyHasher.fromEnvironment(Map.of(ApiKeyHasher.VARIABLE, "short")::get))
                .hasMessageStartingWith("GATEWAY_KEY_HASH_SECRET must be at least 32 characters long")
                .hasMessageNotContaining("short");
    }

    private static String get(Future<String> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
