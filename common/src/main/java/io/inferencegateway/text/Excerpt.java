package io.inferencegateway.text;

/**
 * What of a client's input an error message may quote: at most {@value #MAX_CHARS} characters, then "...". A
 * request may carry megabytes where a name belongs (issue 14: a 15 MB model name came back whole in a 404), and an
 * error must stay small whatever was sent. Every message that echoes input (model names, field values and keys,
 * ids, paths, methods) quotes it through here.
 */
public final class Excerpt {

    public static final int MAX_CHARS = 200;

    private Excerpt() {
    }

    public static String of(String input) {
        if (input == null) {
            return "null";
        }
        if (input.length() <= MAX_CHARS) {
            return input;
        }
        // Do not cut a surrogate pair in half: the message would end in an unpaired surrogate.
        int end = Character.isHighSurrogate(input.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return input.substring(0, end) + "...";
    }
}
