package io.imlab.activities.training;

import io.imlab.activities.ArtifactServices;
import io.imlab.activities.store.ArtifactDescription;
import io.imlab.activities.store.ArtifactManifest;
import io.imlab.activities.store.ObjectStoreException;
import io.imlab.activities.store.S3Uri;
import io.imlab.activities.store.StoredObject;
import io.imlab.trainer.Checkpoint;
import io.imlab.trainer.CheckpointException;
import io.imlab.trainer.Checkpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checkpoints of one run in the object store: {@code <root>/step-<N>/}, each published with a sha256 manifest
 * written after every file is uploaded — the completion marker. A folder without a manifest is partial (an
 * upload that died) and is never resumed from; one whose files fail verification is corrupt and skipped.
 */
public final class CheckpointStore {
    public static final String FORMAT = Checkpoints.FORMAT;
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final Pattern STEP_FOLDER = Pattern.compile("step-(\\d+)/" + Pattern.quote(ArtifactManifest.FILE_NAME));

    private final ArtifactServices artifacts;
    private final S3Uri root;

    public CheckpointStore(ArtifactServices artifacts, S3Uri root) {
        this.artifacts = artifacts;
        this.root = root.asPrefix();
    }

    /** Steps with a published (manifest-closed) checkpoint, newest first. */
    public List<Integer> publishedSteps() {
        TreeSet<Integer> steps = new TreeSet<>(Comparator.reverseOrder());
        for (StoredObject object : artifacts.store().list(root)) {
            Matcher m = STEP_FOLDER.matcher(root.relativize(object.uri()));
            if (m.matches()) {
                steps.add(Integer.parseInt(m.group(1)));
            }
        }
        return List.copyOf(steps);
    }

    public S3Uri uriOf(int step) {
        return root.resolve(Checkpoints.folderName(step)).asPrefix();
    }

    /**
     * Downloads the newest checkpoint that verifies (manifest sha256 and the trainer's own checks) into
     * {@code localRoot/step-N}; older ones are tried when a newer one is corrupt.
     */
    public Optional<Checkpoint> fetchNewestValid(Path localRoot) {
        for (int step : publishedSteps()) {
            Path dir = localRoot.resolve(Checkpoints.folderName(step));
            try {
                ArtifactServices.deleteQuietly(dir);
                artifacts.fetcher().fetchTo(uriOf(step), dir);
                Checkpoints.verify(dir);
                return Optional.of(new Checkpoint(dir, step));
            } catch (ObjectStoreException | CheckpointException e) {
                LOG.warn("checkpoint {} is unusable, trying an older one: {}", uriOf(step), e.getMessage());
                ArtifactServices.deleteQuietly(dir);
            }
        }
        return Optional.empty();
    }

    /** Uploads a complete local checkpoint, manifest last; returns its folder URI. */
    public S3Uri publish(Checkpoint checkpoint, String runId) {
        S3Uri target = uriOf(checkpoint.step());
        String hash = root.keyPrefix().replaceAll("[^A-Za-z0-9._-]", "_") + "step-" + checkpoint.step();
        artifacts.publisher().publish(checkpoint.directory(), target, new ArtifactDescription(FORMAT, "checkpoint",
                hash, "imlab train", runId, Map.of()));
        return target;
    }
}
