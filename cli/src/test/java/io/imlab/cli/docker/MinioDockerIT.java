package io.imlab.cli.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.imlab.activities.ArtifactServices;
import io.imlab.activities.store.ArtifactDescription;
import io.imlab.activities.store.ArtifactManifest;
import io.imlab.activities.store.S3Config;
import io.imlab.activities.store.S3ObjectStore;
import io.imlab.activities.store.S3Uri;
import io.imlab.activities.store.StoredObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * imlab's object store, publisher and fetcher against a real MinIO server (the store a cluster runs). Skipped
 * where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class MinioDockerIT {
    private static final String ACCESS_KEY = "imlab-test";
    private static final String SECRET_KEY = "imlab-test-secret";

    @Container
    static final GenericContainer<?> MINIO = new GenericContainer<>("minio/minio:RELEASE.2025-04-22T22-12-26Z")
            .withCommand("server", "/data")
            .withEnv("MINIO_ROOT_USER", ACCESS_KEY)
            .withEnv("MINIO_ROOT_PASSWORD", SECRET_KEY)
            .withExposedPorts(9000)
            .waitingFor(Wait.forHttp("/minio/health/live").forPort(9000).withStartupTimeout(Duration.ofMinutes(1)));

    @TempDir
    Path work;

    @Test
    void publishesAndFetchesAnArtifactThroughMinio() throws Exception {
        String endpoint = "http://" + MINIO.getHost() + ":" + MINIO.getMappedPort(9000);
        S3Config config = new S3Config(endpoint, ACCESS_KEY, SECRET_KEY, S3Config.DEFAULT_REGION, "imlab");
        try (S3ObjectStore store = new S3ObjectStore(config)) {
            store.ensureBucket("imlab");
            ArtifactServices artifacts = ArtifactServices.over(store, work.resolve("cache"));
            Path artifact = Files.createDirectories(work.resolve("artifact"));
            Files.writeString(artifact.resolve("data.txt"), "tokens of a tiny mixture\n");
            Files.createDirectories(artifact.resolve("shards"));
            Files.write(artifact.resolve("shards").resolve("0.bin"), new byte[] {1, 2, 3, 4});
            S3Uri prefix = S3Uri.parse("s3://imlab/mixtures/docker-it/");

            ArtifactManifest manifest = artifacts.publisher().publish(artifact, prefix,
                    new ArtifactDescription("test/1", "mixture", "docker-it", "MinioDockerIT", "test", Map.of()));

            assertThat(artifacts.publisher().isPublished(prefix)).isTrue();
            List<StoredObject> listed = store.list(prefix);
            assertThat(listed).extracting(o -> o.uri().toString()).contains(prefix.resolve("data.txt").toString(),
                    prefix.resolve("shards", "0.bin").toString(), ArtifactManifest.uriUnder(prefix).toString());
            Path fetched = artifacts.fetcher().fetch(prefix);
            assertThat(Files.readString(fetched.resolve("data.txt"), StandardCharsets.UTF_8))
                    .isEqualTo("tokens of a tiny mixture\n");
            assertThat(Files.readAllBytes(fetched.resolve("shards").resolve("0.bin"))).containsExactly(1, 2, 3, 4);
            assertThat(artifacts.publisher().readManifest(prefix)).hasValue(manifest);
        }
    }
}
