package io.imlab.activities;

import io.imlab.activities.store.ArtifactFetcher;
import io.imlab.activities.store.ArtifactPublisher;
import io.imlab.activities.store.ObjectStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What every activity needs to read and write artifacts: the object store, a publisher that writes the
 * manifest last, a verifying fetcher with a local cache, and a scratch folder for work in progress.
 *
 * @param store     the object store
 * @param publisher publishes local folders with a manifest written last
 * @param fetcher   downloads published folders, verifying every file against its manifest
 * @param workRoot  scratch space; each activity works in its own temporary folder below it
 */
public record ArtifactServices(ObjectStore store, ArtifactPublisher publisher, ArtifactFetcher fetcher, Path workRoot) {

    public ArtifactServices {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(fetcher, "fetcher");
        Objects.requireNonNull(workRoot, "workRoot");
    }

    /** Services over {@code store} with the fetch cache and scratch space under {@code localRoot}. */
    public static ArtifactServices over(ObjectStore store, Path localRoot) {
        return new ArtifactServices(store, new ArtifactPublisher(store), new ArtifactFetcher(store, localRoot.resolve("cache")),
                localRoot.resolve("work"));
    }

    /** A fresh, empty scratch folder; delete it with {@link #deleteQuietly(Path)} when done. */
    public Path newScratchDir(String purpose) {
        try {
            Files.createDirectories(workRoot);
            return Files.createTempDirectory(workRoot, purpose + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder under " + workRoot, e);
        }
    }

    /** Removes a scratch folder; failures to delete leave garbage in scratch space, never wrong results. */
    public static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Scratch space only: a leftover folder is harmless and is reclaimed with the work root.
        }
    }
}
