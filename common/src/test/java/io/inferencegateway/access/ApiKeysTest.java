package io.inferencegateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void storesKeysAsTheirHexSha256() {
        // echo -n 'abc' | sha256sum
        assertThat(ApiKeys.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(ApiKeys.hash("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void hashesConcurrentlyWithoutMixingKeys() throws Exception {
        List<String> keys = IntStream.range(0, 200).mapToObj(i -> ApiKeys.generate()).toList();
        List<String> expected = keys.stream().map(ApiKeys::hash).toList();
        try (var executor = Executors.newFixedThreadPool(8)) {
            List<Callable<String>> hashes = keys.stream().<Callable<String>>map(key -> () -> ApiKeys.hash(key)).toList();
            List<String> actual = executor.invokeAll(hashes).stream().map(ApiKeysTest::get).toList();
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void newKeysCarryThePrefixAndDiffer() {
        String key = ApiKeys.generate();
        assertThat(key).startsWith(ApiKeys.PREFIX).hasSize(ApiKeys.PREFIX.length() + 43);
        assertThat(ApiKeys.generate()).isNotEqualTo(key);
        assertThat(ApiKeys.displayPrefix(key)).isEqualTo(key.substring(0, 12));
    }

    private static String get(Future<String> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
