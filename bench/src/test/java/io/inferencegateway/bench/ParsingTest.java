package io.inferencegateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The small readers: durations on the command line, /proc status fields, jstat lines, percentiles, a failed tool's
 * last words.
 */
class ParsingTest {

    @Test
    void aPeerThatCannotRunIsReportedByTheLastLineItsToolPrinted() {
        assertThat(PortkeyPeer.lastLine("npm error code E404\nnpm error 404 Not Found - GET https://registry\n\n"))
                .isEqualTo("npm error 404 Not Found - GET https://registry");
        assertThat(PortkeyPeer.lastLine("  ")).isEqualTo("(no output)");
        assertThat(PortkeyPeer.lastLine("x".repeat(300))).hasSize(201).endsWith("…");
    }

    @Test
    void durationsAsTyped() {
        assertThat(Durations.parse("20s")).isEqualTo(Duration.ofSeconds(20));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse(" 15 ")).isEqualTo(Duration.ofSeconds(15));
        assertThatThrownBy(() -> Durations.parse("fast")).hasMessageContaining("Not a duration");
    }

    @Test
    void wrkGetsWholeSecondsRoundedUp() {
        assertThat(Durations.wrkSeconds(Duration.ofSeconds(15))).isEqualTo("15s");
        assertThat(Durations.wrkSeconds(Duration.ofMillis(1500))).isEqualTo("2s");
        assertThat(Durations.wrkSeconds(Duration.ofMillis(10))).isEqualTo("1s");
    }

    @Test
    void procStatusFieldsInBytes() {
        String status = "Name:\tjava\nVmPeak:\t 4123456 kB\nVmHWM:\t  312000 kB\nVmRSS:\t  298765 kB\nThreads:\t42\n";

        assertThat(ProcStatus.field(status, "VmHWM")).hasValue(312_000L * 1024);
        assertThat(ProcStatus.field(status, "VmRSS")).hasValue(298_765L * 1024);
        assertThat(ProcStatus.field(status, "Threads")).hasValue(42);
        assertThat(ProcStatus.field(status, "VmSwap")).isEmpty();
    }

    @Test
    void jstatLinesOfG1() {
        JstatGc format = JstatGc.withHeader("    S0C         S1C         S0U         S1U          EC           EU"
                + "           OC           OU          MC         MU       CCSC      CCSU     YGC     YGCT     FGC"
                + "    FGCT     CGC    CGCT       GCT   ");
        JstatGc.Sample sample = format.parse("        0.0      1024.0         0.0      1024.0      18432.0"
                + "       2048.0      46080.0       4628.4     8960.0     8768.4    1152.0    1061.5      2     0.261"
                + "     0     0.000     0     0.000     0.261");

        assertThat(sample.oldUsedBytes()).isEqualTo(Math.round(4628.4 * 1024));
        assertThat(sample.usedBytes()).isEqualTo(Math.round((1024.0 + 2048.0 + 4628.4) * 1024));
    }

    @Test
    void jstatLinesOfZgcHaveNoSurvivors() {
        JstatGc format = JstatGc.withHeader("S0C S1C S0U S1U EC EU OC OU MC MU CCSC CCSU YGC YGCT FGC FGCT CGC CGCT GCT");
        JstatGc.Sample sample = format.parse("- - - - 57344.0 14336.0 8192.0 8192.0 9024.0 8790.7 1152.0 1069.7"
                + " 2 0.000 - - 13 0.000 0.000");

        assertThat(sample.usedBytes()).isEqualTo((14_336L + 8_192L) * 1024);
    }

    @Test
    void jstatRejectsWhatIsNotItsOutput() {
        assertThatThrownBy(() -> JstatGc.withHeader("Timestamp S0 S1")).hasMessageContaining("Not a jstat -gc header");
        assertThatThrownBy(() -> JstatGc.withHeader("S0C EU OU").parse("1 2"))
                .hasMessageContaining("2 values for 3 columns");
    }

    @Test
    void nearestRankPercentiles() {
        List<Double> sample = List.of(5.0, 1.0, 4.0, 2.0, 3.0, 6.0, 7.0, 8.0, 9.0, 10.0);

        assertThat(Percentiles.of(sample, 50)).isEqualTo(5.0);
        assertThat(Percentiles.of(sample, 99)).isEqualTo(10.0);
        assertThat(Percentiles.of(List.of(), 50)).isNaN();
    }

    @Test
    void contentEventsAreTheOnesWithText() {
        assertThat(StreamingProbe.hasContent("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}")).isTrue();
        assertThat(StreamingProbe.hasContent("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
                + "\"content\":\"\"}}]}")).isFalse();
        assertThat(StreamingProbe.hasContent("{\"choices\":[],\"usage\":{\"total_tokens\":3}}")).isFalse();
    }

    @Test
    void cpuModelFromCpuinfo() {
        assertThat(MachineInfo.cpu("processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R)\n"))
                .isEqualTo("Intel(R) Xeon(R)");
    }
}
