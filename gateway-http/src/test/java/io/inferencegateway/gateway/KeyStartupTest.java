package io.inferencegateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferencegateway.config.Environment;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue 14: what gateway-http checks of its keys before it serves, each refusal naming the variable and the rule. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class KeyStartupTest {

    /** It used to be registered and printed, then every request with it got a 401. */
    @Test
    void aDevelopmentKeyThatCouldNeverWorkStopsTheStart() {
        for (String key : List.of("dev-key-without-the-prefix-0123456789abcdef", "igw-short")) {
            assertThatThrownBy(() -> new StartupOptions(Optional.empty(), Optional.of(key),
                    GatewayFixture.withKeyHashSecret(Map.of())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("GATEWAY_DEV_API_KEY must be 'igw-' followed by at least 32 characters")
                    .hasMessageNotContaining(key);
        }
    }

    @Test
    void withoutAKeyHashSecretNothingStarts() {
        assertThatThrownBy(() -> new StartupOptions(Optional.empty(), Optional.empty(), Map.<String, String>of()::get))
                .hasMessageStartingWith("GATEWAY_KEY_HASH_SECRET is not set");
    }

    @Test
    void aReplicaWithAnotherSecretIsRefusedWhileTheFirstServesItsKeys() throws Exception {
        try (GatewayFixture first = GatewayFixture.start()) {
            assertThat(first.get("/resource_server/whoami", "Bearer " + GatewayFixture.DEV_KEY).statusCode())
                    .isEqualTo(200);

            assertThatThrownBy(() -> GatewayFixture.replicaOf(first, Map.of(Environment.KEY_HASH_SECRET,
                    "another-secret-0123456789abcdef-0123")))
                    .hasMessageStartingWith("GATEWAY_KEY_HASH_SECRET is not the secret this database's API keys");
            try (GatewayFixture second = GatewayFixture.replicaOf(first, Map.of())) {
                assertThat(second.get("/resource_server/whoami", "Bearer " + GatewayFixture.DEV_KEY).statusCode())
                        .isEqualTo(200);
            }
        }
    }
}
