package io.inferencegateway.validation;

/** A chat completion's {@code response_format}: plain text, any JSON object, or JSON matching a schema. */
final class ResponseFormat {

    // structural_tag is vLLM's; OpenAI knows the other three.
    private static final FieldTable TYPE = FieldTable.builder()
            .required("type", Rules.oneOf("text", "json_object", "json_schema", "structural_tag"))
            .build();

    private static final FieldTable JSON_SCHEMA = FieldTable.builder()
            .required("json_schema", Rules.object(FieldTable.builder()
                    .required("name", Rules.string())
                    .optional("description", Rules.string())
                    .optional("schema", Rules.anyObject())
                    .optional("strict", Rules.bool())
                    .build()))
            .build();

    static final Rule RULE = (value, path) -> {
        Rules.object(TYPE).check(value, path);
        if (value.get("type").textValue().equals("json_schema")) {
            JSON_SCHEMA.check(value, path);
        }
    };

    private ResponseFormat() {
    }
}
