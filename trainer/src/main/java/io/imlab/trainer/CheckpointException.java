package io.imlab.trainer;

import java.nio.file.Path;

/**
 * A checkpoint folder is partial (no completion marker), corrupt (a file's digest differs from the
 * marker's) or unreadable. Callers fall back to an older checkpoint, e.g. with
 * {@link Checkpoints#newestComplete(Path)}.
 */
public final class CheckpointException extends Exception {
    private final Path directory;

    public CheckpointException(Path directory, String message) {
        super(directory + ": " + message);
        this.directory = directory;
    }

    public CheckpointException(Path directory, String message, Throwable cause) {
        super(directory + ": " + message, cause);
        this.directory = directory;
    }

    /** The checkpoint folder that failed. */
    public Path directory() {
        return directory;
    }
}
