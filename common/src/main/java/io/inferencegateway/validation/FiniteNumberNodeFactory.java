package io.inferencegateway.validation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NumericNode;

/**
 * Builds the request tree and refuses numbers beyond a double's range, such as {@code 1e999}. Jackson would read
 * them as infinity and write them back as the string {@code "Infinity"}, silently changing a client's field on its
 * way to the backend; refusing them here costs nothing and needs no second walk over the tree.
 */
final class FiniteNumberNodeFactory extends JsonNodeFactory {

    private static final long serialVersionUID = 1L;

    /** Thrown out of the parse; the reader turns it into a 400 that names the field. */
    static final class NonFiniteNumber extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NonFiniteNumber() {
            super("number out of range", null, false, false);
        }
    }

    @Override
    public NumericNode numberNode(double value) {
        if (!Double.isFinite(value)) {
            throw new NonFiniteNumber();
        }
        return super.numberNode(value);
    }

    @Override
    public NumericNode numberNode(float value) {
        if (!Float.isFinite(value)) {
            throw new NonFiniteNumber();
        }
        return super.numberNode(value);
    }
}
