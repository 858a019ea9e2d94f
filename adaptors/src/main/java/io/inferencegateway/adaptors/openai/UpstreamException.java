package io.inferencegateway.adaptors.openai;

import io.inferencegateway.adaptors.ConfigFields;
import io.inferencegateway.adaptors.http.UpstreamFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A failed call to the backend, already mapped to the status code and message the gateway answers with. */
final class UpstreamException extends Exception {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamException.class);
    private static final int BODY_CHARS_SHOWN = 256;

    private final int code;

    private UpstreamException(int code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /**
     * The backend answered with a non-2xx status. 4xx and 5xx are passed on, so a request the backend rejects
     * stays the client's fault; anything else (a redirect) is a broken backend, 502.
     */
    static UpstreamException status(int status, String body) {
        int code = status >= 400 && status <= 599 ? status : 502;
        String shown = body.isEmpty() ? "(empty body)" : firstChars(body, BODY_CHARS_SHOWN);
        return new UpstreamException(code, "Upstream endpoint returned " + status + ": " + shown, null);
    }

    /**
     * The call failed before or while the backend answered. The message, which reaches the client, names the
     * endpoint; the log line says where its backend is and what exactly failed.
     */
    static UpstreamException failure(Throwable failure, OpenAIConfig config) {
        UpstreamFailure kind = UpstreamFailure.of(failure);
        if (kind == UpstreamFailure.TIMEOUT) {
            return timeout(config, failure);
        }
        LOG.warn("Upstream endpoint {} at {} failed: {}", config.endpoint(), config.apiUrl(),
                UpstreamFailure.detail(failure));
        return kind == UpstreamFailure.UNREACHABLE
                ? new UpstreamException(503, "Upstream endpoint " + config.endpoint() + " is unreachable: "
                        + UpstreamFailure.describe(failure), failure)
                : new UpstreamException(502, "Upstream endpoint " + config.endpoint() + " failed: "
                        + UpstreamFailure.describe(failure), failure);
    }

    static UpstreamException timeout(OpenAIConfig config, Throwable cause) {
        return new UpstreamException(504, "Upstream endpoint did not answer within "
                + ConfigFields.inSeconds(config.requestTimeout()) + " s", cause);
    }

    static UpstreamException notAnEventStream(String contentType, String body) {
        return new UpstreamException(502, "Upstream endpoint answered a streaming request with " + contentType
                + " instead of an event stream: " + firstChars(body, BODY_CHARS_SHOWN), null);
    }

    int code() {
        return code;
    }

    private static String firstChars(String text, int count) {
        if (text.length() <= count) {
            return text;
        }
        // Do not cut a surrogate pair in half.
        int end = Character.isHighSurrogate(text.charAt(count - 1)) ? count - 1 : count;
        return text.substring(0, end);
    }
}
