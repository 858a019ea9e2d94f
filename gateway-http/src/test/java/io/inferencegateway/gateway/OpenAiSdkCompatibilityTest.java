package io.inferencegateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import io.inferencegateway.gateway.http.RequestIds;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official OpenAI Java SDK, unchanged, against the gateway: with OpenAI's routes as base URL, and with a FIRST
 * cluster and framework as base URL.
 */
class OpenAiSdkCompatibilityTest {

    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static OpenAIClient client(String basePath) {
        return OpenAIOkHttpClient.builder().apiKey(GatewayFixture.DEV_KEY).baseUrl(gateway.baseUrl() + basePath)
                .maxRetries(0).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1", "/resource_server/open/vllm/v1"})
    void chat(String basePath) {
        ChatCompletion completion = client(basePath).chat().completions().create(ChatCompletionCreateParams.builder()
                .model("model-a").addSystemMessage("Be brief.").addUserMessage("Say hello").maxCompletionTokens(5)
                .build());
        assertThat(completion.model()).isEqualTo("model-a");
        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().get(0).message().content()).hasValueSatisfying(text -> assertThat(text).isNotBlank());
        assertThat(completion.usage()).hasValueSatisfying(usage -> assertThat(usage.completionTokens()).isEqualTo(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1", "/resource_server/open/vllm/v1"})
    void streamingChat(String basePath) {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("model-b")
                .addUserMessage("Tell me a story").maxTokens(6).build();
        try (StreamResponse<ChatCompletionChunk> stream = client(basePath).chat().completions().createStreaming(params)) {
            List<ChatCompletionChunk> chunks = stream.stream().toList();
            String text = chunks.stream().flatMap(chunk -> chunk.choices().stream())
                    .map(choice -> choice.delta().content().orElse("")).collect(Collectors.joining());
            assertThat(text).isNotBlank();
            assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.model()).isEqualTo("model-b"));
            // The SDK did not ask for usage, so it gets no usage-only chunk.
            assertThat(chunks).noneMatch(chunk -> chunk.choices().isEmpty());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1", "/resource_server/open/vllm/v1"})
    void completions(String basePath) {
        Completion completion = client(basePath).completions().create(CompletionCreateParams.builder()
                .model(CompletionCreateParams.Model.of("model-a")).prompt("Once upon a time").maxTokens(4).build());
        assertThat(completion.choices().get(0).text()).isNotBlank();
        assertThat(completion.usage()).hasValueSatisfying(usage -> assertThat(usage.completionTokens()).isEqualTo(4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1", "/resource_server/open/vllm/v1"})
    void embeddings(String basePath) {
        CreateEmbeddingResponse response = client(basePath).embeddings().create(EmbeddingCreateParams.builder()
                .model("model-b").input(EmbeddingCreateParams.Input.ofArrayOfStrings(List.of("one", "two"))).build());
        assertThat(response.data()).hasSize(2);
        assertThat(response.data().get(0).embedding()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1", "/resource_server/open/vllm/v1"})
    void modelsList(String basePath) {
        List<String> ids = client(basePath).models().list().data().stream().map(Model::id).toList();
        assertThat(ids).contains("model-a", "model-b").doesNotContain("model-premium");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1", "/resource_server/open/vllm/v1"})
    void errorsMapToTheSdksExceptions(String basePath) {
        assertThatThrownBy(() -> client(basePath).chat().completions().create(ChatCompletionCreateParams.builder()
                .model("no-such-model").addUserMessage("hi").build())).isInstanceOf(NotFoundException.class);
        OpenAIClient wrongKey = OpenAIOkHttpClient.builder().apiKey("igw-wrong").baseUrl(gateway.baseUrl() + basePath)
                .maxRetries(0).build();
        assertThatThrownBy(() -> wrongKey.models().list()).isInstanceOf(UnauthorizedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1", "/resource_server/open/vllm/v1"})
    void answersAndErrorsCarryTheRequestIdTheSdkShows(String basePath) {
        try (HttpResponseFor<ChatCompletion> response = client(basePath).chat().completions().withRawResponse()
                .create(ChatCompletionCreateParams.builder().model("model-a").addUserMessage("hi").build())) {
            assertThat(response.requestId())
                    .hasValueSatisfying(id -> assertThat(UUID.fromString(id).version()).isEqualTo(7));
        }
        assertThatThrownBy(() -> client(basePath).chat().completions().create(ChatCompletionCreateParams.builder()
                .model("no-such-model").addUserMessage("hi").build()))
                .isInstanceOfSatisfying(NotFoundException.class, error ->
                        assertThat(error.headers().values(RequestIds.HEADER)).singleElement()
                                .satisfies(id -> assertThat(UUID.fromString(id).version()).isEqualTo(7)));
    }
}
