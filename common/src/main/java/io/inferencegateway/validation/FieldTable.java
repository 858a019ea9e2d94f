package io.inferencegateway.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields an object may carry, each with its rule. Fields the table does not name pass through unchecked:
 * vLLM's extensions and the SDKs' {@code extra_body} arrive as unknown top-level keys and must reach the backend.
 */
final class FieldTable {

    /** How a field may be absent. OpenAI's optional fields take {@code null} as "not given"; some of vLLM's do not. */
    private enum Presence { REQUIRED, NULLABLE, NOT_NULL }

    private record Entry(String name, Presence presence, Rule rule) {
    }

    private final Entry[] entries;

    private FieldTable(List<Entry> entries) {
        this.entries = entries.toArray(Entry[]::new);
    }

    static Builder builder() {
        return new Builder();
    }

    /** Checks the named fields of {@code object}, which the caller has already found to be an object. */
    void check(JsonNode object, FieldPath path) {
        for (Entry entry : entries) {
            JsonNode value = object.get(entry.name);
            if (value == null || (value.isNull() && entry.presence != Presence.NOT_NULL)) {
                if (entry.presence == Presence.REQUIRED) {
                    throw Rejections.missing(path.field(entry.name));
                }
                continue;
            }
            entry.rule.check(value, path.field(entry.name));
        }
    }

    /** Collects entries in the order they are checked, which decides the error a request with several faults gets. */
    static final class Builder {

        private final List<Entry> entries = new ArrayList<>();

        /** Must be present and not null. */
        Builder required(String name, Rule rule) {
            entries.add(new Entry(name, Presence.REQUIRED, rule));
            return this;
        }

        /** May be absent or null. */
        Builder optional(String name, Rule rule) {
            entries.add(new Entry(name, Presence.NULLABLE, rule));
            return this;
        }

        /** May be absent but not null: vLLM declares it without {@code Optional} and would answer 400 to a null. */
        Builder notNull(String name, Rule rule) {
            entries.add(new Entry(name, Presence.NOT_NULL, rule));
            return this;
        }

        Builder include(FieldTable other) {
            entries.addAll(List.of(other.entries));
            return this;
        }

        FieldTable build() {
            return new FieldTable(entries);
        }
    }
}
