package io.inferencegateway.worker.kafka;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.SupportedVersionRange;
import org.apache.kafka.common.KafkaException;

/**
 * Whether the broker can serve the lines lanes: share groups turned on ({@code share.version} 1 or more) on a broker
 * of Kafka 4.2 or newer, whose ShareFetch takes {@code share.acquire.mode=record_limit}. A 4.1 broker has share groups
 * off, or in an early-access form that refuses the lanes' fetches; without this check every lane would fail at its
 * first poll while the worker looked healthy.
 */
public final class ShareGroupSupport {

    /** The feature level of {@code metadata.version} 4.2-IV0, the first release with ShareFetch version 2. */
    static final short METADATA_VERSION_4_2 = 28;
    static final String SHARE_VERSION = "share.version";
    static final String METADATA_VERSION = "metadata.version";
    static final String NEEDED = "batch-worker needs Kafka 4.2 or newer with share groups on (feature share.version=1, "
            + "the default of clusters formatted by 4.2+; docker-compose.yml runs the version this build is tested "
            + "against)";

    private ShareGroupSupport() {
    }

    /** Throws, naming the version and feature it needs, when the broker cannot serve share groups as we use them. */
    public static void require(Admin admin) {
        FeatureMetadata features;
        try {
            features = admin.describeFeatures().featureMetadata().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while asking Kafka for its features", e);
        } catch (Exception e) {
            throw new KafkaException("Could not ask Kafka for its features: " + e.getMessage(), e);
        }
        check(features.supportedFeatures(), features.finalizedFeatures()).ifPresent(problem -> {
            throw new UnsupportedBrokerException(NEEDED + "; this broker " + problem + ".");
        });
    }

    /** What is missing, given the broker's supported and finalized features; empty when nothing is. */
    static Optional<String> check(Map<String, SupportedVersionRange> supported,
                                  Map<String, FinalizedVersionRange> finalized) {
        SupportedVersionRange metadata = supported.get(METADATA_VERSION);
        if (metadata == null || metadata.maxVersion() < METADATA_VERSION_4_2) {
            return Optional.of("is older than 4.2 (it supports metadata.version up to level "
                    + (metadata == null ? "unknown" : metadata.maxVersion()) + ", 4.2 is level "
                    + METADATA_VERSION_4_2 + ")");
        }
        FinalizedVersionRange share = finalized.get(SHARE_VERSION);
        if (share == null || share.maxVersionLevel() < 1) {
            return Optional.of("has share groups off (share.version " + (share == null ? 0 : share.maxVersionLevel())
                    + "); turn them on with: kafka-features.sh --bootstrap-server HOST:PORT upgrade "
                    + "--feature share.version=1");
        }
        return Optional.empty();
    }

    /** The broker lacks what the worker needs; the message says what. */
    public static final class UnsupportedBrokerException extends KafkaException {
        private static final long serialVersionUID = 1L;

        UnsupportedBrokerException(String message) {
            super(message);
        }
    }
}
