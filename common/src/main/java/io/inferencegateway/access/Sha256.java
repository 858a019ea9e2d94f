package io.inferencegateway.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hex SHA-256 of a text: a cache key for tokens, and how API keys were stored before they were keyed. */
public final class Sha256 {

    /** Cloned for each hash: a clone costs less than looking the algorithm up among the providers every request. */
    private static final MessageDigest PROTOTYPE = newDigest();

    private Sha256() {
    }

    public static String hex(String text) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            digest = newDigest(); // a provider whose digests cannot be cloned
        }
        return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
