package io.inferencegateway.gateway;

import io.inferencegateway.access.ApiKeyHasher;
import io.inferencegateway.gateway.auth.ApiKeyAuthenticator;
import io.inferencegateway.gateway.auth.Authenticator;
import io.inferencegateway.gateway.auth.CompositeAuthenticator;
import io.inferencegateway.gateway.auth.globus.GlobusAuthenticator;
import io.inferencegateway.persistence.ApiKeyRepository;
import io.inferencegateway.registry.AdaptorRegistry;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the authenticator a gateway uses: API keys always, Globus Auth for other tokens when configured. Wiring, so
 * it lives beside {@link GatewayApp} rather than in {@code auth}, which {@code auth.globus} builds on.
 */
public final class Authenticators {

    private static final Logger LOG = LoggerFactory.getLogger(Authenticators.class);

    private Authenticators() {
    }

    public static Authenticator forGateway(GatewaySettings settings, AdaptorRegistry registry, DataSource dataSource,
                                           ApiKeyHasher keyHasher) {
        Authenticator apiKeys = new ApiKeyAuthenticator(new ApiKeyRepository(dataSource, keyHasher),
                settings.authCacheTtl(), Duration.ofSeconds(2));
        // Groups cost two extra Globus calls per new token, so they are fetched only when something needs them.
        Optional<Authenticator> globus = settings.globus()
                .map(globusSettings -> globusSettings.withGroupsNeeded(
                        globusSettings.groupsNeeded() || restrictsByGroup(registry)))
                .map(GlobusAuthenticator::new);
        globus.ifPresentOrElse(oauth -> LOG.info("Authentication: API keys and {}", oauth),
                () -> LOG.info("Authentication: API keys only (Globus Auth is not configured)"));
        return new CompositeAuthenticator(apiKeys, globus);
    }

    private static boolean restrictsByGroup(AdaptorRegistry registry) {
        return registry.clusters().stream().anyMatch(cluster -> !cluster.allowedGlobusGroups().isEmpty())
                || registry.endpoints().stream().anyMatch(endpoint -> !endpoint.allowedGlobusGroups().isEmpty());
    }
}
