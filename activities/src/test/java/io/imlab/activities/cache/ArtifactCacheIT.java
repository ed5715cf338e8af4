package io.imlab.activities.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imlab.activities.store.ArtifactDescription;
import io.imlab.activities.store.ArtifactPublisher;
import io.imlab.activities.store.S3ObjectStore;
import io.imlab.activities.store.S3Uri;
import io.imlab.activities.store.embedded.EmbeddedS3Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Age-based eviction over S3Proxy, whose listings report each object's last-modified time. */
class ArtifactCacheIT {
    private static final String BUCKET = "imlab";
    private static final String OLD = "0123456789abcdef-old";
    private static final String FRESH = "fedcba9876543210-fresh";

    @TempDir
    Path root;

    private EmbeddedS3Server server;
    private S3ObjectStore store;

    @BeforeEach
    void start() {
        server = EmbeddedS3Server.start(root.resolve("s3"));
        store = new S3ObjectStore(server.s3Config(BUCKET));
        store.ensureBucket(BUCKET);
    }

    @AfterEach
    void stop() {
        store.close();
        server.close();
    }

    @Test
    void evictsWhatWasWrittenBeforeTheCutoffAndKeepsTheRest() throws IOException {
        publish("mixtures", OLD);
        publish("benches", FRESH);
        // Back-date the old mixture's files, as if it had been built ten days ago (S3Proxy reports file times).
        FileTime tenDaysAgo = FileTime.from(Instant.now().minus(Duration.ofDays(10)));
        try (Stream<Path> files = Files.walk(root.resolve("s3").resolve(BUCKET).resolve("mixtures").resolve(OLD))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, tenDaysAgo);
            }
        }
        ArtifactCache cache = new ArtifactCache(store);
        assertThat(cache.list(BUCKET)).allSatisfy(e -> assertThat(e.lastModified()).isNotNull());

        List<ArtifactCache.Entry> evicted = cache.evictOlderThan(BUCKET, Duration.ofDays(7), Instant.now());

        assertThat(evicted).extracting(ArtifactCache.Entry::hash).containsExactly(OLD);
        assertThat(cache.list(BUCKET)).extracting(ArtifactCache.Entry::hash).containsExactly(FRESH);
        assertThat(cache.evictOlderThan(BUCKET, Duration.ofDays(7), Instant.now())).isEmpty();
        // Everything is older than an hour, seen from two hours ahead.
        assertThat(cache.evictOlderThan(BUCKET, Duration.ofHours(1), Instant.now().plus(Duration.ofHours(2))))
                .extracting(ArtifactCache.Entry::hash).containsExactly(FRESH);
        assertThat(cache.list(BUCKET)).isEmpty();
    }

    @Test
    void anAgeMustBePositive() {
        ArtifactCache cache = new ArtifactCache(store);
        assertThatThrownBy(() -> cache.evictOlderThan(BUCKET, Duration.ZERO, Instant.now()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--older-than");
    }

    private void publish(String kind, String hash) throws IOException {
        Path dir = Files.createDirectories(root.resolve("local").resolve(hash));
        Files.writeString(dir.resolve("data.txt"), hash);
        new ArtifactPublisher(store).publish(dir, S3Uri.parse("s3://" + BUCKET + "/" + kind + "/" + hash + "/"),
                new ArtifactDescription("test/1", kind, hash, "ArtifactCacheIT", "test", Map.of()));
    }
}
