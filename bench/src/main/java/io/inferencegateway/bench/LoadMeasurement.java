package io.inferencegateway.bench;

import java.util.Optional;

/**
 * One measured wrk run of the interactive benchmark.
 *
 * @param path        {@link InteractiveBench#DIRECT}, {@link InteractiveBench#BARE_PROXY}, {@link PortkeyPeer#LABEL}
 *                    or one of the gateway's routes
 * @param connections wrk's concurrency
 * @param cpu         where the CPU went during the run; empty when it could not be read (no /proc)
 */
record LoadMeasurement(String path, int connections, WrkResult result, Optional<CpuUse> cpu) {

    boolean direct() {
        return path.equals(InteractiveBench.DIRECT);
    }

    /** The bare proxy or the peer gateway: compared with direct like the gateway, but no target applies to them. */
    boolean reference() {
        return path.equals(InteractiveBench.BARE_PROXY) || path.equals(PortkeyPeer.LABEL);
    }
}
