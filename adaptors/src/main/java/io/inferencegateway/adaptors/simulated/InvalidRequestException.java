package io.inferencegateway.adaptors.simulated;

/** A request the simulated model refuses, answered with a 400 that names the offending parameter. */
final class InvalidRequestException extends RuntimeException {

    private final String param;

    InvalidRequestException(String param, String message) {
        super(message, null, false, false);
        this.param = param;
    }

    /** The request field at fault, as OpenAI's {@code error.param} names it. */
    String param() {
        return param;
    }
}
