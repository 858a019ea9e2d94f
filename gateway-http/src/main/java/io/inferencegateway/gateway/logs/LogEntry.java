package io.inferencegateway.gateway.logs;

import java.util.UUID;

/** A row for one of the log tables; its id is the primary key, which makes writing it twice harmless. */
public sealed interface LogEntry permits AccessLogEntry, RequestLogEntry {

    UUID id();
}
