package io.inferencegateway.validation;

import com.fasterxml.jackson.core.JsonStreamContext;
import io.inferencegateway.text.Excerpt;

/**
 * Where a value sits in the request body, rendered the way OpenAI names a {@code param}:
 * {@code messages[2].content[0].image_url.url}. Built as a chain so that a valid request pays for a few small
 * objects and no strings; the text is produced only for an error.
 */
final class FieldPath {

    private static final FieldPath ROOT = new FieldPath(null, null, -1);

    private final FieldPath parent;
    private final String name;
    private final int index;

    private FieldPath(FieldPath parent, String name, int index) {
        this.parent = parent;
        this.name = name;
        this.index = index;
    }

    static FieldPath root() {
        return ROOT;
    }

    /** The path of the value the parser was reading, for errors raised while the tree is being built. */
    static FieldPath of(JsonStreamContext context) {
        if (context == null || context.inRoot()) {
            return ROOT;
        }
        FieldPath parent = of(context.getParent());
        if (context.inArray()) {
            return parent.index(Math.max(context.getCurrentIndex(), 0));
        }
        String current = context.getCurrentName();
        return current == null ? parent : parent.field(current);
    }

    FieldPath field(String fieldName) {
        return new FieldPath(this, fieldName, -1);
    }

    FieldPath index(int position) {
        return new FieldPath(this, null, position);
    }

    boolean isRoot() {
        return parent == null;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        append(text);
        // A client-chosen key (a logit_bias token) could otherwise be megabytes.
        return Excerpt.of(text.toString());
    }

    private void append(StringBuilder text) {
        if (parent == null) {
            return;
        }
        parent.append(text);
        if (name == null) {
            text.append('[').append(index).append(']');
        } else {
            if (!text.isEmpty()) {
                text.append('.');
            }
            text.append(name.length() > Excerpt.MAX_CHARS ? name.substring(0, Excerpt.MAX_CHARS) : name);
        }
    }
}
