package io.imlab.cli.cluster;

import io.imlab.activities.cache.ArtifactCache;
import io.imlab.activities.store.S3ObjectStore;
import io.imlab.cli.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code imlab cache list} and {@code imlab cache evict <hash> | --older-than <age>}: the content-addressed benches and mixtures. */
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

    /** {@code imlab cache evict <hash>} or {@code imlab cache evict --older-than <age>}. */
    @Command(name = "evict", description = {
            "Delete the cached artifacts whose hash starts with HASH (8+ characters), or those last written before",
            "--older-than AGE (e.g. 30d, 12h, 90m, or ISO-8601 P7D); the next run that needs one rebuilds it."})
    static final class EvictCommand implements Callable<Integer> {
        private static final Pattern AGE = Pattern.compile("(\\d+)([smhd])");

        @Parameters(index = "0", arity = "0..1", paramLabel = "HASH")
        String hash;

        @Option(names = "--older-than", paramLabel = "AGE",
                description = "Evict what was last written more than AGE ago (S3 keeps no access time: write time).")
        String olderThan;

        @Mixin
        ClusterOptions cluster;

        @Override
        public Integer call() {
            if ((hash == null) == (olderThan == null)) {
                System.err.println("imlab: give either a HASH or --older-than AGE");
                return Main.EXIT_CONFIGURATION_ERROR;
            }
            try (S3ObjectStore store = new S3ObjectStore(cluster.s3Config())) {
                List<ArtifactCache.Entry> evicted;
                try {
                    ArtifactCache cache = new ArtifactCache(store);
                    evicted = hash != null ? cache.evict(cluster.bucket(), hash)
                            : cache.evictOlderThan(cluster.bucket(), parseAge(olderThan), Instant.now());
                } catch (IllegalArgumentException e) {
                    System.err.println("imlab: " + e.getMessage());
                    return Main.EXIT_CONFIGURATION_ERROR;
                }
                evicted.forEach(e -> System.out.println("evicted " + e.kind() + " " + e.hash()));
                if (evicted.isEmpty() && hash != null) {
                    System.err.println("imlab: no cached artifact with a hash starting " + hash);
                    return Main.EXIT_FAILURE;
                }
                if (evicted.isEmpty()) {
                    System.out.println("nothing cached is older than " + olderThan);
                }
                return 0;
            }
        }

        /** {@code <n>s|m|h|d} or an ISO-8601 duration ({@code P7D}, {@code PT12H}). */
        static Duration parseAge(String text) {
            Matcher unit = AGE.matcher(text.strip());
            if (unit.matches()) {
                long n = Long.parseLong(unit.group(1));
                return switch (unit.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            try {
                return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--older-than: '" + text
                        + "' is not an age such as 30d, 12h, 90m, 45s or P7D", e);
            }
        }
    }
}
