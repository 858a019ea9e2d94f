package io.inferencegateway.bench;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Short-lived tools (wrk, jstat, jcmd) running right now, so that stopping the benchmark (Ctrl-C, SIGTERM) ends
 * them too instead of leaving them to finish on their own.
 */
final class ChildProcesses implements AutoCloseable {

    private final Set<Process> running = ConcurrentHashMap.newKeySet();

    /** Tracks {@code process} until the returned handle is closed (which also ends it if still running). */
    Registration register(Process process) {
        running.add(process);
        return () -> {
            running.remove(process);
            stop(process);
        };
    }

    @Override
    public void close() {
        running.forEach(ChildProcesses::stop);
        running.clear();
    }

    static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A tracked process; closing it stops tracking and ends the process if it still runs. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
