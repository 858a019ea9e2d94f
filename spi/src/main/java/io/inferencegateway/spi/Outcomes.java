package io.inferencegateway.spi;

/**
 * The one rule of every adaptor answer: a success carries its value and no error, a failure an error message and an
 * HTTP status from 400 to 599 and no value. A record that breaks it is refused where it is built, so the gateway
 * never has to guess what an answer meant.
 */
final class Outcomes {

    private Outcomes() {
    }

    /**
     * @param answer       the record's name, for the message
     * @param hasValue     whether the success value is there
     * @param errorMessage the error's words, or null
     * @param errorCode    the error's HTTP status, or null
     */
    static void require(String answer, boolean hasValue, String errorMessage, Integer errorCode) {
        if (errorCode == null) {
            if (errorMessage != null) {
                throw new IllegalArgumentException(answer + " has an error message but no error code");
            }
            if (!hasValue) {
                throw new IllegalArgumentException(answer + " needs either its value or an error code with a "
                        + "message: it has neither");
            }
            return;
        }
        if (hasValue) {
            throw new IllegalArgumentException(answer + " holds a value and an error together: answer one or the other");
        }
        if (errorCode < 400 || errorCode > 599) {
            throw new IllegalArgumentException(answer + "'s error code must be an HTTP error status (400-599), was "
                    + errorCode);
        }
        if (errorMessage == null || errorMessage.isBlank()) {
            throw new IllegalArgumentException(answer + "'s error needs a message a user can act on");
        }
    }
}
