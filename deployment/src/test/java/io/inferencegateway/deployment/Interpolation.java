package io.inferencegateway.deployment;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Compose's variable substitution: {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}} (unset or empty),
 * {@code ${VAR-default}} (unset only), {@code ${VAR:?message}} and {@code ${VAR?message}} (required),
 * {@code ${VAR:+alternative}} and {@code ${VAR+alternative}}, and {@code $$} for a literal dollar.
 */
final class Interpolation {

    private Interpolation() {
    }

    /** {@code text} as Compose would pass it on with the shell or .env variables {@code environment}. */
    static String apply(String text, Map<String, String> environment) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= text.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '{') {
                int end = closingBrace(text, i + 2);
                out.append(expression(text.substring(i + 2, end), environment, text));
                i = end + 1;
            } else if (Character.isLetter(next) || next == '_') {
                int end = i + 1;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                out.append(environment.getOrDefault(text.substring(i + 1, end), ""));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The names of the variables {@code text} refers to. */
    static Set<String> variables(String text) {
        Set<String> names = new LinkedHashSet<>();
        int i = 0;
        while ((i = text.indexOf('$', i)) >= 0 && i + 1 < text.length()) {
            char next = text.charAt(i + 1);
            if (next == '$') {
                i += 2;
            } else if (next == '{') {
                int end = closingBrace(text, i + 2);
                String inner = text.substring(i + 2, end);
                int operator = operatorIndex(inner);
                names.add(operator < 0 ? inner : inner.substring(0, operator));
                if (operator >= 0) {
                    names.addAll(variables(inner.substring(operator)));
                }
                i = end + 1;
            } else {
                int end = i + 1;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                if (end > i + 1) {
                    names.add(text.substring(i + 1, end));
                }
                i = Math.max(end, i + 1);
            }
        }
        return names;
    }

    private static String expression(String inner, Map<String, String> environment, String whole) {
        int operator = operatorIndex(inner);
        if (operator < 0) {
            return environment.getOrDefault(inner, "");
        }
        String name = inner.substring(0, operator);
        boolean colon = inner.charAt(operator) == ':';
        char kind = inner.charAt(colon ? operator + 1 : operator);
        String argument = apply(inner.substring(colon ? operator + 2 : operator + 1), environment);
        String value = environment.get(name);
        boolean set = value != null && !(colon && value.isEmpty());
        return switch (kind) {
            case '-' -> set ? value : argument;
            case '+' -> set ? argument : "";
            case '?' -> {
                if (!set) {
                    throw new AssertionError("Compose would refuse '" + whole + "': " + name + " is required ("
                            + argument + ")");
                }
                yield value;
            }
            default -> throw new AssertionError("Unknown substitution '${" + inner + "}' in '" + whole + "'");
        };
    }

    private static int operatorIndex(String inner) {
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == ':' || c == '-' || c == '?' || c == '+') {
                return i;
            }
        }
        return -1;
    }

    private static int closingBrace(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == '{') {
                depth++;
            } else if (text.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw new AssertionError("Unclosed ${ in '" + text + "'");
    }
}
