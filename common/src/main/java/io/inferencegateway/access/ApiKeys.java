package io.inferencegateway.access;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** Generates API keys, checks keys an operator chose, and derives the short prefix admins see of a stored key. */
public final class ApiKeys {

    /** Every key starts with this, so a leaked key is easy to recognise in logs and scanners. */
    public static final String PREFIX = "igw-";
    /** The fewest characters after the prefix a key an operator chooses may have; generated keys have 43. */
    public static final int MIN_CHOSEN_LENGTH = 32;
    /** Characters after the prefix shown to admins: enough to tell keys apart, too few to help a guesser. */
    public static final int SHOWN_CHARACTERS = 4;

    private static final SecureRandom RANDOM = new SecureRandom();
    /** RFC 6750's token characters, which travel in an Authorization header as they are. */
    private static final Pattern TOKEN_CHARACTERS = Pattern.compile("[A-Za-z0-9._~+/=-]*");

    private ApiKeys() {
    }

    /** A new key: the prefix and 256 random bits, base64url. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Refuses a key an operator chose that could not work (only keys with the prefix are looked up as API keys) or
     * could be guessed. The message names {@code source}, e.g. the variable it came from, and never quotes the key.
     */
    public static void requireWellChosen(String key, String source) {
        String problem;
        if (!key.startsWith(PREFIX)) {
            problem = "it does not start with '" + PREFIX + "'";
        } else if (key.length() - PREFIX.length() < MIN_CHOSEN_LENGTH) {
            problem = "it has " + (key.length() - PREFIX.length()) + " characters after '" + PREFIX + "'";
        } else if (!TOKEN_CHARACTERS.matcher(key.substring(PREFIX.length())).matches()) {
            problem = "it has other characters";
        } else {
            return;
        }
        throw new IllegalArgumentException(source + " must be '" + PREFIX + "' followed by at least "
                + MIN_CHOSEN_LENGTH + " characters from A-Z, a-z, 0-9 and - . _ ~ + / =, but " + problem
                + ". A random one: echo " + PREFIX + "$(openssl rand -hex 24)");
    }

    /** The prefix and the first {@value #SHOWN_CHARACTERS} characters after it, shown to admins to tell keys apart. */
    public static String displayPrefix(String key) {
        return key.substring(0, Math.min(key.length(), PREFIX.length() + SHOWN_CHARACTERS));
    }
}
