package io.inferencegateway.cli.client;

/** What igw's exit status tells a script; {@code igw --help} lists them (IgwMain's exit code list). */
public final class ExitCodes {

    /** Done; for a batch watched to its end: completed. */
    public static final int OK = 0;
    /** The gateway refused the request (a 4xx other than 401/403, or a 5xx), or an answer igw could not use. */
    public static final int GATEWAY_ERROR = 1;
    /** Bad arguments, no gateway configured, an input file igw cannot use. */
    public static final int USAGE = 2;
    /** The gateway refused the API key (401) or the caller's access (403). */
    public static final int AUTH = 3;
    /** The gateway could not be reached, or did not answer in time. */
    public static final int NETWORK = 4;
    public static final int BATCH_FAILED = 5;
    public static final int BATCH_EXPIRED = 6;
    public static final int BATCH_CANCELLED = 7;
    /** {@code batch wait --timeout}: the batch was still running when the time was up. */
    public static final int WAIT_TIMED_OUT = 8;

    private ExitCodes() {
    }
}
