package io.inferencegateway.paths;

import java.nio.charset.StandardCharsets;

/**
 * What {@code {user}} in a batch root becomes: the authenticated user's id (the id batches are stored under, so the
 * worker reaches the same directory), with every byte outside {@code A-Z a-z 0-9 . _ @ + -} written as {@code %XX},
 * and a leading dot too. The name is one path component, never {@code .} or {@code ..}, and distinct ids give
 * distinct names: {@code a/b} is {@code a%2Fb}, which {@code a_b} or {@code a%2Fb} itself cannot become.
 */
public final class UserDirectory {

    public static final String PLACEHOLDER = "{user}";

    private UserDirectory() {
    }

    public static String name(String userId) {
        byte[] bytes = userId.getBytes(StandardCharsets.UTF_8);
        StringBuilder name = new StringBuilder(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (kept(b) && !(i == 0 && b == '.')) {
                name.append((char) b);
            } else {
                name.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        // An empty id would be the root itself; '%' alone is no encoding of anything else.
        return name.isEmpty() ? "%" : name.toString();
    }

    private static boolean kept(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || b == '.' || b == '_' || b == '@' || b == '+' || b == '-';
    }
}
