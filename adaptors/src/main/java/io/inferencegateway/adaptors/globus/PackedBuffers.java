package io.inferencegateway.adaptors.globus;

import java.util.ArrayList;
import java.util.List;

/**
 * Globus Compute's {@code pack_buffers} / {@code unpack_buffers}: buffers joined as {@code "<len>\n<buf>"}, where
 * {@code len} is Python's {@code len(buf)}, a count of Unicode code points. Neither UTF-8 bytes nor Java's UTF-16
 * {@code length()} will do: an emoji is one code point, two Java chars and four bytes.
 */
public final class PackedBuffers {

    private PackedBuffers() {
    }

    public static String pack(List<String> buffers) {
        StringBuilder out = new StringBuilder();
        for (String buffer : buffers) {
            out.append(buffer.codePointCount(0, buffer.length())).append('\n').append(buffer);
        }
        return out.toString();
    }

    /** Splits a packed string back into its buffers; throws {@link IllegalArgumentException} when malformed. */
    public static List<String> unpack(String packed) {
        List<String> buffers = new ArrayList<>();
        int at = 0;
        while (at < packed.length()) {
            int newline = packed.indexOf('\n', at);
            if (newline < 0) {
                throw new IllegalArgumentException("packed buffer has no length line at offset " + at);
            }
            int codePoints;
            try {
                codePoints = Integer.parseInt(packed.substring(at, newline));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("packed buffer length is not a number at offset " + at);
            }
            int start = newline + 1;
            int end;
            try {
                end = packed.offsetByCodePoints(start, codePoints);
            } catch (IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("packed buffer at offset " + at + " is shorter than its length "
                        + codePoints);
            }
            buffers.add(packed.substring(start, end));
            at = end;
        }
        return buffers;
    }
}
