package io.inferencegateway.access;

import io.inferencegateway.config.Environment;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How API keys are stored: HMAC-SHA-256 under a secret of the deployment, {@code GATEWAY_KEY_HASH_SECRET}. Keys are
 * random, so one fast hash is enough to keep them; the secret, which lives outside the database, is what stops
 * anyone holding a copy of the table from matching it against guessed keys (issue 14). Every process that issues or
 * checks keys (gateway-http, gateway-admin, bin/dev) must use the same secret.
 */
public final class ApiKeyHasher {

    public static final String VARIABLE = Environment.KEY_HASH_SECRET;
    public static final int MIN_SECRET_LENGTH = 32;

    private static final String ALGORITHM = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** What the fingerprint is the HMAC of: no key, since keys start with {@link ApiKeys#PREFIX}. */
    private static final String FINGERPRINT_TEXT = "inference-gateway key hash secret";

    private final SecretKeySpec secret;
    /** Cloned for each hash, as {@link Sha256} does: a {@link Mac} is not thread-safe. */
    private final Mac prototype;

    public ApiKeyHasher(String secret) {
        requireStrong(secret);
        this.secret = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.prototype = newMac();
    }

    /** Refuses a secret too short to resist guessing; the message never quotes it. */
    public static void requireStrong(String secret) {
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException(VARIABLE + " must be at least " + MIN_SECRET_LENGTH
                    + " characters long, and random: e.g. openssl rand -base64 48");
        }
    }

    /** The secret of {@code GATEWAY_KEY_HASH_SECRET} (or the file {@code GATEWAY_KEY_HASH_SECRET_FILE} names). */
    public static ApiKeyHasher fromEnvironment(Function<String, String> environment) {
        String secret = environment.apply(VARIABLE);
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException(VARIABLE + " is not set: API keys are stored as HMAC-SHA-256 under "
                    + "this secret, which every gateway-http and gateway-admin of a deployment must share. Set it, or "
                    + VARIABLE + "_FILE, to " + MIN_SECRET_LENGTH + " or more random characters: e.g. "
                    + "openssl rand -base64 48");
        }
        return new ApiKeyHasher(secret.strip());
    }

    /** A new secret: 256 random bits, base64url (43 characters), for a deployment or a development run. */
    public static String generateSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form of a key: hex HMAC-SHA-256. */
    public String hash(String key) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            mac = newMac(); // a provider whose MACs cannot be cloned
        }
        return HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** How keys were stored before they were keyed (plain SHA-256): only to find such rows and rewrite them. */
    public String legacyHash(String key) {
        return Sha256.hex(key);
    }

    /**
     * Tells secrets apart without revealing them (the secret is long and random, so its HMAC of a known text gives
     * nothing away): stored with the keys, so that a process with another secret refuses to start.
     */
    public String fingerprint() {
        return hash(FINGERPRINT_TEXT);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "ApiKeyHasher[HMAC-SHA-256, secret of " + VARIABLE + "]";
    }
}
