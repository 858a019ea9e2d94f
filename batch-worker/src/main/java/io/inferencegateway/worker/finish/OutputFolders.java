package io.inferencegateway.worker.finish;

import io.inferencegateway.paths.BatchRoots;
import io.inferencegateway.paths.ConfinedPaths;
import io.inferencegateway.paths.PathRefused;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code output_folder_path} of a FIRST-style batch, as its owner's roots allow it: checked when the batch is
 * validated and again, by opening it, when its results are written, since the folder may have been replaced by a
 * link to anywhere in between.
 */
public final class OutputFolders {

    public static final String PARAM = "output_folder_path";

    private final BatchRoots roots;

    public OutputFolders(BatchRoots roots) {
        this.roots = roots;
    }

    /** Refuses a folder its owner may not write to, as far as it exists now. */
    public void check(String userId, String folder) throws PathRefused {
        new ConfinedPaths(roots.forUser(userId)).checkOutputFolder(folder, PARAM);
    }

    /** Writes {@code files} (name to local content) into the folder, creating what is missing of it. */
    public void write(String userId, String folder, Map<String, Path> files) throws PathRefused, IOException {
        new ConfinedPaths(roots.forUser(userId)).writeFiles(folder, PARAM, files);
    }
}
