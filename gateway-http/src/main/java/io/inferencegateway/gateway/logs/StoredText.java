package io.inferencegateway.gateway.logs;

/** Makes text fit a column: PostgreSQL refuses NUL characters in text, and prompts are cut to a configured length. */
final class StoredText {

    private StoredText() {
    }

    /**
     * The first {@code limit} characters of {@code text}, followed by {@code ...<truncated N chars>} when anything was
     * cut (FIRST's marker), so a reader knows the row does not hold everything; null stays null.
     */
    static String truncated(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return withoutNul(text);
        }
        int end = cutPoint(text, limit);
        return withoutNul(text.substring(0, end)) + "...<truncated " + (text.length() - end) + " chars>";
    }

    /**
     * At most {@code limit} characters of {@code text}, for a VARCHAR column: a value the gateway does not control
     * (a path, a model name) must not make the database refuse the row and so the whole batch.
     */
    static String fitted(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return withoutNul(text);
        }
        return withoutNul(text.substring(0, cutPoint(text, limit)));
    }

    /** Where to cut so that a surrogate pair is never split (half a pair would not encode to UTF-8). */
    private static int cutPoint(String text, int limit) {
        return limit > 0 && Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
    }

    /** U+0000 is valid in a Java string and in JSON, so a prompt may hold it; PostgreSQL text may not. */
    private static String withoutNul(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace("\0", "\uFFFD");
    }
}
