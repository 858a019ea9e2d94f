package io.inferencegateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** A process's resident memory from Linux's {@code /proc/<pid>/status}. */
final class ProcStatus {

    private ProcStatus() {
    }

    /** Current resident set size in bytes, empty if the process is gone. */
    static OptionalLong rss(long pid) {
        return field(read(pid), "VmRSS");
    }

    /** Peak resident set size (high-water mark) in bytes since start or the last {@link #resetPeak}. */
    static OptionalLong peak(long pid) {
        return field(read(pid), "VmHWM");
    }

    /**
     * Resets the high-water mark to the current RSS (writing 5 to {@code clear_refs}, Linux 4.0+), so a later
     * {@link #peak} covers one phase only. False when the kernel or permissions do not allow it.
     */
    static boolean resetPeak(long pid) {
        try {
            Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** A {@code Name:   123 kB} field of the status text, in bytes. */
    static OptionalLong field(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name + ":")) {
                String[] parts = line.substring(name.length() + 1).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                return OptionalLong.of(parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value);
            }
        }
        return OptionalLong.empty();
    }

    private static String read(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "status"));
    }

    /** A {@code /proc} file's text, or "" if it cannot be read (the process ended, or no /proc here). */
    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
