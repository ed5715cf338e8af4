package io.imlab.activities.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads published artifacts, checking every file's size and SHA-256 against the manifest. A folder
 * without a manifest is refused ({@link ArtifactNotPublishedException}); a file that does not match is an
 * {@link ArtifactIntegrityException}.
 *
 * <p>{@link #fetch(S3Uri)} keeps verified copies in a local cache at {@code <cacheRoot>/<kind>/<hash>/}, so a
 * bench or mixture shared by many grid cells is downloaded once per machine.
 */
public final class ArtifactFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactFetcher.class);

    private final ObjectStore store;
    private final Path cacheRoot;

    /**
     * @param store     where artifacts are
     * @param cacheRoot local cache folder for {@link #fetch(S3Uri)}; created on demand
     */
    public ArtifactFetcher(ObjectStore store, Path cacheRoot) {
        this.store = Objects.requireNonNull(store, "store");
        this.cacheRoot = cacheRoot.toAbsolutePath();
    }

    /**
     * The artifact at {@code prefix} as a local, verified, read-only-by-convention folder in the cache.
     * A cached copy is reused when its manifest is byte-identical to the published one.
     *
     * @return the cache folder holding the artifact's files and its {@code manifest.json}
     * @throws ArtifactNotPublishedException when {@code prefix} has no manifest
     * @throws ArtifactIntegrityException    when a downloaded file does not match the manifest
     */
    public Path fetch(S3Uri prefix) {
        S3Uri manifestUri = ArtifactManifest.uriUnder(prefix);
        byte[] manifestJson = readManifestBytes(prefix);
        ArtifactManifest manifest = ArtifactManifest.parse(manifestJson, manifestUri);
        Path cached = cacheRoot.resolve(S3Uri.sanitizeSegment(manifest.kind())).resolve(manifest.hash());
        if (isCachedCopyOf(cached, manifestJson)) {
            LOG.debug("{} {} served from cache {}", manifest.kind(), manifest.hash(), cached);
            return cached;
        }
        try {
            Files.createDirectories(cached.getParent());
            Path partial = Files.createTempDirectory(cached.getParent(), "." + manifest.hash() + ".partial-");
            try {
                download(prefix, manifest, manifestJson, partial);
                deleteRecursively(cached);
                try {
                    Files.move(partial, cached, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                    // Another thread or process finished the same download first; theirs is as good as ours.
                    if (!isCachedCopyOf(cached, manifestJson)) {
                        throw new UncheckedIOException("cache folder " + cached + " appeared with other content", e);
                    }
                }
            } finally {
                deleteRecursively(partial);
            }
        } catch (AtomicMoveNotSupportedException e) {
            throw new UncheckedIOException("cache folder " + cacheRoot + " does not support atomic renames", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fill cache folder " + cached + " from " + prefix.asPrefix(), e);
        }
        return cached;
    }

    /**
     * Downloads the artifact at {@code prefix} into {@code targetDir} (created if needed; existing files with
     * the same names are replaced), verifying every file, and writes the manifest there too.
     *
     * @return the manifest
     * @throws ArtifactNotPublishedException when {@code prefix} has no manifest
     * @throws ArtifactIntegrityException    when a downloaded file does not match the manifest
     */
    public ArtifactManifest fetchTo(S3Uri prefix, Path targetDir) {
        byte[] manifestJson = readManifestBytes(prefix);
        ArtifactManifest manifest = ArtifactManifest.parse(manifestJson, ArtifactManifest.uriUnder(prefix));
        download(prefix, manifest, manifestJson, targetDir);
        return manifest;
    }

    private byte[] readManifestBytes(S3Uri prefix) {
        try {
            return store.getBytes(ArtifactManifest.uriUnder(prefix));
        } catch (ObjectNotFoundException e) {
            throw new ArtifactNotPublishedException(prefix);
        }
    }

    private void download(S3Uri prefix, ArtifactManifest manifest, byte[] manifestJson, Path targetDir) {
        Path root = targetDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
            for (ManifestFile file : manifest.files()) {
                S3Uri source = safeSource(prefix, file);
                Path target = safeTarget(root, file, source);
                Files.createDirectories(target.getParent());
                Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
                try {
                    Sha256.Digest actual;
                    try (InputStream in = store.open(source); OutputStream out = Files.newOutputStream(partial)) {
                        actual = Sha256.copy(in, out);
                    }
                    if (actual.size() != file.size()) {
                        throw new ArtifactIntegrityException(source + ": size " + actual.size()
                                + " bytes does not match the manifest's " + file.size(), source);
                    }
                    if (!actual.sha256().equals(file.sha256())) {
                        throw new ArtifactIntegrityException(source + ": sha256 " + actual.sha256()
                                + " does not match the manifest's " + file.sha256(), source);
                    }
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(partial);
                }
            }
            Files.write(root.resolve(ArtifactManifest.FILE_NAME), manifestJson);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot download " + prefix.asPrefix() + " to " + root, e);
        }
        LOG.info("fetched {} {} from {} ({} files, {} bytes)", manifest.kind(), manifest.hash(), prefix.asPrefix(),
                manifest.files().size(), manifest.totalSize());
    }

    private static S3Uri safeSource(S3Uri prefix, ManifestFile file) {
        try {
            return prefix.resolve(file.path());
        } catch (IllegalArgumentException e) {
            throw new ArtifactIntegrityException("manifest under " + prefix.asPrefix() + " lists an unsafe path '"
                    + file.path() + "': " + e.getMessage(), prefix);
        }
    }

    private static Path safeTarget(Path root, ManifestFile file, S3Uri source) {
        Path target = root.resolve(file.path()).normalize();
        // S3Uri already rejects '..' segments; this also guards against platform-specific path syntax.
        if (!target.startsWith(root) || target.equals(root)
                || target.equals(root.resolve(ArtifactManifest.FILE_NAME))) {
            throw new ArtifactIntegrityException("manifest path '" + file.path() + "' of " + source
                    + " would be written outside " + root, source);
        }
        return target;
    }

    private static boolean isCachedCopyOf(Path cached, byte[] manifestJson) {
        Path manifest = cached.resolve(ArtifactManifest.FILE_NAME);
        try {
            return Files.isRegularFile(manifest) && Arrays.equals(Files.readAllBytes(manifest), manifestJson);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cached manifest " + manifest, e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
