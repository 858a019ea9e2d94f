package io.inferencegateway.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Generates API keys and derives what is stored of them: a SHA-256 hash and a short prefix for recognition. */
public final class ApiKeys {

    /** Every key starts with this, so a leaked key is easy to recognise in logs and scanners. */
    public static final String PREFIX = "igw-";

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Cloned for each hash: a clone costs less than looking the algorithm up among the providers every request. */
    private static final MessageDigest SHA_256 = newSha256();

    private ApiKeys() {
    }

    /** A new key: the prefix and 256 random bits, base64url. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Hex SHA-256 of the key, the only form in which keys are stored. */
    public static String hash(String key) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            digest = newSha256(); // a provider whose digests cannot be cloned
        }
        return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The first characters of a key, shown to admins to tell keys apart. */
    public static String displayPrefix(String key) {
        return key.substring(0, Math.min(key.length(), 12));
    }
}
