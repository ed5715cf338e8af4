package io.imlab.trainer;

import java.nio.file.Path;

/**
 * A complete checkpoint folder {@code step-<N>/} (see {@link Checkpoints} for its layout).
 *
 * @param directory the {@code step-<N>} folder
 * @param step      optimizer steps taken before it was written
 */
public record Checkpoint(Path directory, int step) {
}
