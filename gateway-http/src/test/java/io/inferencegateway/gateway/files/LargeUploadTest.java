package io.inferencegateway.gateway.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponse;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import io.inferencegateway.gateway.GatewayFixture;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 60 MB upload streamed from a generated stream through the SDK into the gateway and back. Client and gateway
 * share this JVM, so the live heap measured near the end of the upload bounds what both held of it.
 */
class LargeUploadTest {

    private static final long MB = 1024 * 1024;
    private static final int LINES = 40_000;
    private static final int WIDTH = 1_500;

    private static GatewayFixture gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayFixture.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void sixtyMegabytesStreamInAndOutWithoutBeingHeld() throws Exception {
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(gateway.baseUrl() + "/v1").maxRetries(0)
                .apiKey(gateway.keyFor("large-upload", List.of(), "example.org")).timeout(Duration.ofMinutes(5))
                .build();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long baseline = liveHeap(memory);
        HeapWatch watch = new HeapWatch(memory, LINES * (long) WIDTH * 9 / 10);

        FileObject file = client.files().create(FileCreateParams.builder()
                .file(new JsonlStream(LINES, WIDTH, watch::produced)).purpose(FilePurpose.BATCH).build());

        long expected = LINES * (long) WIDTH;
        assertThat(file.bytes()).isEqualTo(expected);
        assertThat(watch.liveNearTheEnd).as("the 90% mark was reached while uploading").isPositive();
        System.out.printf("60 MB upload (%,d bytes): live heap before %d MB, live at 90%% of the upload %d MB, "
                        + "highest heap use sampled during the upload (garbage included) %d MB, max heap %d MB%n",
                expected, baseline / MB, watch.liveNearTheEnd / MB, watch.peakUsed / MB,
                memory.getHeapMemoryUsage().getMax() / MB);
        assertThat(watch.liveNearTheEnd - baseline).as("live heap grown by the upload, in bytes")
                .isLessThan(expected / 2);

        try (HttpResponse response = client.files().content(file.id()); InputStream body = response.body()) {
            assertThat(JsonlStream.sameContent(body, new JsonlStream(LINES, WIDTH))).isTrue();
        }
    }

    private static long liveHeap(MemoryMXBean memory) {
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Samples heap use as the upload is produced, and the live heap once, at {@code mark} bytes. */
    private static final class HeapWatch {

        private final MemoryMXBean memory;
        private final long mark;
        private long nextSample;
        long peakUsed;
        long liveNearTheEnd;

        HeapWatch(MemoryMXBean memory, long mark) {
            this.memory = memory;
            this.mark = mark;
        }

        void produced(long bytes) {
            if (bytes >= nextSample) {
                peakUsed = Math.max(peakUsed, memory.getHeapMemoryUsage().getUsed());
                nextSample = bytes + MB;
            }
            if (liveNearTheEnd == 0 && bytes >= mark) {
                liveNearTheEnd = liveHeap(memory);
            }
        }
    }
}
