package io.inferencegateway.batch;

import java.util.Arrays;
import java.util.List;

/**
 * How a native batch's task ids are kept in {@code batches.task_ids}: comma-separated, as FIRST stores them, so the
 * column reads the same for both. Only the persistence code (here and the worker's store) sees this form; everything
 * else has a list.
 */
public final class TaskIdColumn {

    private TaskIdColumn() {
    }

    public static String write(List<String> taskIds) {
        return taskIds.isEmpty() ? null : String.join(",", taskIds);
    }

    public static List<String> read(String column) {
        return column == null ? List.of() : Arrays.stream(column.split(",")).map(String::strip)
                .filter(id -> !id.isEmpty()).toList();
    }
}
