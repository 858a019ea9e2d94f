package io.inferencegateway.gateway.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferencegateway.gateway.http.ApiException;
import io.inferencegateway.validation.InferenceRequests;
import io.inferencegateway.validation.InferenceRoute;
import io.inferencegateway.validation.RequestRejected;

/**
 * Turns an inference request's bytes into the JSON object to forward, or an {@link ApiException} (400, or 415 for
 * the content type) naming the field at fault. The rules are common's {@link InferenceRequests}, which batch lines
 * pass too; this class adds the HTTP part, the content type. Stateless and thread-safe.
 */
public final class RequestParser {

    /** Parses and validates {@code body}, sent with the {@code Content-Type} header {@code contentType} (may be null). */
    public ObjectNode parse(InferenceRoute route, String contentType, byte[] body) {
        ContentTypes.check(contentType);
        try {
            ObjectNode request = InferenceRequests.read(body);
            InferenceRequests.validate(route, request);
            return request;
        } catch (RequestRejected e) {
            throw badRequest(e);
        }
    }

    /**
     * Reads a JSON object body with the same strictness (content type, duplicate keys, parser limits) but no
     * inference schema, for routes that check their own fields.
     */
    public ObjectNode parseObject(String contentType, byte[] body) {
        ContentTypes.check(contentType);
        try {
            return InferenceRequests.read(body);
        } catch (RequestRejected e) {
            throw badRequest(e);
        }
    }

    private static ApiException badRequest(RequestRejected rejected) {
        return ApiException.badRequest(rejected.code(), rejected.getMessage(), rejected.param());
    }
}
