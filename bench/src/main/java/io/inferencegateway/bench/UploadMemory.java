package io.inferencegateway.bench;

/**
 * The gateway's memory while it received one file upload.
 *
 * @param bytes             size of the uploaded file
 * @param status            the HTTP status of {@code POST /v1/files}
 * @param seconds           how long the upload took
 * @param peakRssBytes      peak resident memory of the gateway during the upload
 * @param peakHeapBytes     peak heap in use (jstat, every 100 ms)
 * @param peakOldBytes      peak old generation in use: a body held whole would land there
 * @param heapAfterGcBytes  live heap after a full collection once the upload was done
 */
record UploadMemory(long bytes, int status, double seconds, long peakRssBytes, long peakHeapBytes, long peakOldBytes,
                    long heapAfterGcBytes) {
}
