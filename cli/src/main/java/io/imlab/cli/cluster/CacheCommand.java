package io.imlab.cli.cluster;

import io.imlab.activities.cache.ArtifactCache;
import io.imlab.activities.store.S3ObjectStore;
import io.imlab.cli.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code imlab cache list} and {@code imlab cache evict <hash>}: the content-addressed benches and mixtures. */
@Command(name = "cache", description = "List or evict cached benches and mixtures in the object store.",
        subcommands = {CacheCommand.ListCommand.class, CacheCommand.EvictCommand.class})
public final class CacheCommand implements Runnable {
    @Override
    public void run() {
        System.err.println("imlab cache: give a subcommand, list or evict");
    }

    /** {@code imlab cache list}. */
    @Command(name = "list", description = "List cached artifacts: kind, hash, size, whether complete, who built it.")
    static final class ListCommand implements Callable<Integer> {
        @Mixin
        ClusterOptions cluster;

        @Override
        public Integer call() {
            try (S3ObjectStore store = new S3ObjectStore(cluster.s3Config())) {
                List<ArtifactCache.Entry> entries = new ArtifactCache(store).list(cluster.bucket());
                System.out.printf(Locale.ROOT, "%-9s %-64s %6s %12s %-8s %s%n", "KIND", "HASH", "FILES", "BYTES", "COMPLETE", "BUILT BY");
                entries.forEach(e -> System.out.printf(Locale.ROOT, "%-9s %-64s %6d %12d %-8s %s%n", e.kind(), e.hash(),
                        e.files(), e.bytes(), e.complete() ? "yes" : "no", e.createdBy() == null ? "" : e.createdBy()));
                return 0;
            }
        }
    }

    /** {@code imlab cache evict <hash>}. */
    @Command(name = "evict", description = "Delete the cached artifacts whose hash starts with HASH (8+ characters); the next run rebuilds them.")
    static final class EvictCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "HASH")
        String hash;

        @Mixin
        ClusterOptions cluster;

        @Override
        public Integer call() {
            try (S3ObjectStore store = new S3ObjectStore(cluster.s3Config())) {
                List<ArtifactCache.Entry> evicted;
                try {
                    evicted = new ArtifactCache(store).evict(cluster.bucket(), hash);
                } catch (IllegalArgumentException e) {
                    System.err.println("imlab: " + e.getMessage());
                    return Main.EXIT_CONFIGURATION_ERROR;
                }
                evicted.forEach(e -> System.out.println("evicted " + e.kind() + " " + e.hash()));
                if (evicted.isEmpty()) {
                    System.err.println("imlab: no cached artifact with a hash starting " + hash);
                    return Main.EXIT_FAILURE;
                }
                return 0;
            }
        }
    }
}
