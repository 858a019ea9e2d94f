package io.inferencegateway.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** A check on one value of the request body, which throws a 400 naming {@code path} when the value is malformed. */
@FunctionalInterface
interface Rule {

    /** {@code value} is present in the body; it may be JSON null, which a rule rejects unless it says otherwise. */
    void check(JsonNode value, FieldPath path);
}
