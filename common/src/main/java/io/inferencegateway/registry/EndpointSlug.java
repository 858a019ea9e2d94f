package io.inferencegateway.registry;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Builds endpoint slugs: {@code <cluster>_<framework>_<model>}, each part lower-cased, with every byte outside
 * {@code [a-z0-9.-]} written as {@code %XX}. The encoding is reversible, so two different models never share a
 * slug ({@code org/model} becomes {@code org%2fmodel}, {@code orgmodel} stays {@code orgmodel}), unlike FIRST's
 * slugify, which drops the slash. Model names are compared case-insensitively, as in FIRST.
 */
public final class EndpointSlug {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private EndpointSlug() {
    }

    public static String of(String cluster, String framework, String model) {
        return encode(cluster) + '_' + encode(framework) + '_' + encode(model);
    }

    /** The form a model name is matched in: lower case, locale-independent. */
    public static String normalizeModel(String model) {
        return model.toLowerCase(Locale.ROOT);
    }

    private static String encode(String part) {
        StringBuilder out = new StringBuilder(part.length() + 8);
        for (byte b : part.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-') {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }
}
