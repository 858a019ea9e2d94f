package io.inferencegateway.validation;

import java.util.Optional;

/** The inference APIs the gateway validates, named by their OpenAI-style endpoint as FIRST's fixtures list them. */
public enum InferenceRoute {
    CHAT_COMPLETIONS("chat/completions"),
    COMPLETIONS("completions"),
    EMBEDDINGS("embeddings"),
    RESPONSES("responses"),
    MESSAGES("messages");

    private final String openaiEndpoint;

    InferenceRoute(String openaiEndpoint) {
        this.openaiEndpoint = openaiEndpoint;
    }

    /** The endpoint path below {@code /v1}, e.g. {@code chat/completions}. */
    public String openaiEndpoint() {
        return openaiEndpoint;
    }

    public static Optional<InferenceRoute> of(String openaiEndpoint) {
        for (InferenceRoute route : values()) {
            if (route.openaiEndpoint.equals(openaiEndpoint)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }
}
