package io.inferencegateway.gateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.embeddings.EmbeddingCreateParams;
import io.inferencegateway.json.Json;
import io.inferencegateway.validation.InferenceRoute;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * What the official OpenAI Java SDK puts on the wire, captured from a real client, is accepted and returned
 * unchanged: the parsed object writes back to the very bytes the SDK sent.
 */
@Timeout(120)
class SdkRequestsTest {

    private static final String MODEL = "meta-llama/Llama-3.3-70B-Instruct";

    private static CapturingServer server;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        server = new CapturingServer();
        client = OpenAIOkHttpClient.builder().baseUrl(server.baseUrl()).apiKey("test-key").maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void chatWithToolsAndAToolCallRoundTrip() {
        ChatCompletionFunctionTool weather = ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder()
                        .name("get_weather")
                        .description("Current weather for a city")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(
                                        Map.of("city", Map.of("type", "string"))))
                                .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                                .build())
                        .strict(true)
                        .build())
                .build();
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addSystemMessage("You are a weather assistant.")
                .addUserMessage("What's the weather in Paris? Réponds en français 😀")
                .addMessage(ChatCompletionAssistantMessageParam.builder()
                        .addToolCall(ChatCompletionMessageFunctionToolCall.builder()
                                .id("call_1")
                                .function(ChatCompletionMessageFunctionToolCall.Function.builder()
                                        .name("get_weather").arguments("{\"city\":\"Paris\"}").build())
                                .build())
                        .build())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId("call_1").content("17C").build())
                .addTool(weather)
                .toolChoice(ChatCompletionToolChoiceOption.Auto.AUTO)
                .parallelToolCalls(true)
                .temperature(0.2)
                .maxCompletionTokens(256)
                .seed(42)
                .build();

        assertPassesUnchanged(InferenceRoute.CHAT_COMPLETIONS, () -> client.chat().completions().create(params));
    }

    @Test
    void chatWithAnImageAndStructuredOutput() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addUserMessageOfArrayOfContentParts(List.of(
                        ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder()
                                .text("What is in this image?").build()),
                        ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                                .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder()
                                        .url("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAf")
                                        .detail(ChatCompletionContentPartImage.ImageUrl.Detail.HIGH)
                                        .build())
                                .build())))
                .responseFormat(ResponseFormatJsonSchema.builder()
                        .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                                .name("caption")
                                .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                        .putAdditionalProperty("type", JsonValue.from("object"))
                                        .build())
                                .strict(true)
                                .build())
                        .build())
                .build();

        assertPassesUnchanged(InferenceRoute.CHAT_COMPLETIONS, () -> client.chat().completions().create(params));
    }

    @Test
    void streamingChatWithUsageAndVllmExtraBody() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addUserMessage("Count to three.")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .putAdditionalBodyProperty("top_k", JsonValue.from(20))
                .putAdditionalBodyProperty("min_p", JsonValue.from(0.05))
                .putAdditionalBodyProperty("repetition_penalty", JsonValue.from(1.1))
                .putAdditionalBodyProperty("chat_template_kwargs", JsonValue.from(Map.of("enable_thinking", false)))
                .putAdditionalBodyProperty("guided_json", JsonValue.from(Map.of("type", "object")))
                .putAdditionalBodyProperty("x_trace", JsonValue.from(Map.of("team", "inference")))
                .build();

        ObjectNode sent = assertPassesUnchanged(InferenceRoute.CHAT_COMPLETIONS, () -> {
            try (var stream = client.chat().completions().createStreaming(params)) {
                stream.stream().findFirst();
            }
        });
        assertThat(sent.path("stream").booleanValue()).isTrue();
        assertThat(sent.at("/stream_options/include_usage").booleanValue()).isTrue();
    }

    @Test
    void completionsWithTokenArrays() {
        CompletionCreateParams params = CompletionCreateParams.builder()
                .model(MODEL)
                .promptOfArrayOfTokenArrays(List.of(List.of(128000L, 791L, 6460L), List.of(128000L, 22691L)))
                .maxTokens(0)
                .echo(true)
                .logprobs(1)
                .build();

        assertPassesUnchanged(InferenceRoute.COMPLETIONS, () -> client.completions().create(params));
    }

    @Test
    void embeddingsInBase64WithDimensions() {
        EmbeddingCreateParams params = EmbeddingCreateParams.builder()
                .model("BAAI/bge-m3")
                .inputOfArrayOfStrings(List.of("The food was delicious.", "The waiter was friendly."))
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.BASE64)
                .dimensions(256)
                .build();

        assertPassesUnchanged(InferenceRoute.EMBEDDINGS, () -> client.embeddings().create(params));
    }

    /** Sends through the SDK, then parses what the capturing server received exactly as the gateway would. */
    private static ObjectNode assertPassesUnchanged(InferenceRoute expectedRoute, Executable send) {
        assertThatThrownBy(send::execute).isInstanceOf(BadRequestException.class);
        CapturingServer.Captured request = server.last();
        InferenceRoute route = InferenceRoute.of(request.path().substring("/v1/".length())).orElseThrow();
        assertThat(route).isEqualTo(expectedRoute);

        ObjectNode parsed = Bodies.PARSER.parse(route, request.contentType(), request.body());

        assertThat(parsed).isEqualTo(Json.read(new String(request.body(), StandardCharsets.UTF_8)));
        // Both sides write with Jackson's UTF-8 generator, so even the escaping of the emoji matches.
        assertThat(new String(Json.writeBytes(parsed), StandardCharsets.UTF_8))
                .isEqualTo(new String(request.body(), StandardCharsets.UTF_8));
        return parsed;
    }
}
