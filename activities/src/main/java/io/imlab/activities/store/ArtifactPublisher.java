package io.imlab.activities.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a local folder as an artifact: uploads every file below a prefix, then writes
 * {@code manifest.json} last. Readers treat a folder without a manifest as absent, so an upload cut short by
 * a crash is never mistaken for a complete artifact, and a retry simply uploads again.
 */
public final class ArtifactPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactPublisher.class);

    private final ObjectStore store;

    /** @param store where artifacts go */
    public ArtifactPublisher(ObjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Uploads {@code localDir} to {@code prefix} and writes the manifest.
     *
     * <p>Idempotent for content-addressed artifacts: when {@code prefix} already holds a manifest with the same
     * hash, nothing is uploaded and that manifest is returned. A manifest with a different hash is never
     * overwritten.
     *
     * @param localDir    folder to publish; its own root may not contain a {@code manifest.json}
     * @param prefix      artifact folder in the store
     * @param description manifest fields other than the files
     * @return the manifest now in the store
     * @throws ObjectStoreException when {@code prefix} holds a different artifact or an upload fails
     */
    public ArtifactManifest publish(Path localDir, S3Uri prefix, ArtifactDescription description) {
        Optional<ArtifactManifest> existing = readManifest(prefix);
        if (existing.isPresent()) {
            if (existing.get().hash().equals(description.hash())) {
                LOG.info("{} {} already published at {}", description.kind(), description.hash(), prefix.asPrefix());
                return existing.get();
            }
            throw new ObjectStoreException("refusing to overwrite " + prefix.asPrefix() + ": it holds "
                    + existing.get().kind() + " " + existing.get().hash() + ", not " + description.hash(), prefix,
                    null);
        }
        List<ManifestFile> files = new ArrayList<>();
        for (Path file : filesBelow(localDir)) {
            String relative = relativePath(localDir, file);
            S3Uri target = prefix.resolve(relative);
            try {
                Sha256.Digest digest = Sha256.of(file);
                store.putFile(file, target);
                files.add(new ManifestFile(relative, digest.size(), digest.sha256()));
            } catch (IOException e) {
                throw new ObjectStoreException("cannot read " + file + " to publish it at " + target, target, e);
            }
        }
        ArtifactManifest manifest = ArtifactManifest.of(description, files);
        store.putBytes(manifest.toJson(), ArtifactManifest.uriUnder(prefix));
        LOG.info("published {} {} at {} ({} files, {} bytes)", description.kind(), description.hash(),
                prefix.asPrefix(), files.size(), manifest.totalSize());
        return manifest;
    }

    /** Whether {@code prefix} holds a complete (manifest-closed) artifact. */
    public boolean isPublished(S3Uri prefix) {
        return store.exists(ArtifactManifest.uriUnder(prefix));
    }

    /** The manifest under {@code prefix}, if the artifact is published. */
    public Optional<ArtifactManifest> readManifest(S3Uri prefix) {
        return ArtifactManifest.read(store, prefix);
    }

    private static List<Path> filesBelow(Path localDir) {
        if (!Files.isDirectory(localDir)) {
            throw new IllegalArgumentException("cannot publish " + localDir + ": not a directory");
        }
        if (Files.exists(localDir.resolve(ArtifactManifest.FILE_NAME))) {
            throw new IllegalArgumentException("cannot publish " + localDir + ": " + ArtifactManifest.FILE_NAME
                    + " is reserved for the manifest the publisher writes");
        }
        try (Stream<Path> walk = Files.walk(localDir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + localDir, e);
        }
    }

    private static String relativePath(Path root, Path file) {
        List<String> parts = new ArrayList<>();
        root.relativize(file).forEach(part -> parts.add(part.toString()));
        return String.join("/", parts);
    }
}
