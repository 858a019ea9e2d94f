package io.inferencegateway.batch;

import java.util.List;

/**
 * One page of a user's batches, newest first.
 *
 * @param data    the batches of the page
 * @param hasMore whether older batches follow the last one
 */
public record BatchPage(List<Batch> data, boolean hasMore) {

    public BatchPage {
        data = List.copyOf(data);
    }
}
