package io.imlab.activities.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imlab.activities.store.embedded.EmbeddedS3Server;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing and fetching artifact folders through a real S3Proxy. */
class ArtifactPublisherIT {

    private static final String BUCKET = "imlab-artifacts";

    @TempDir
    static Path s3Root;

    private static EmbeddedS3Server server;
    private static S3ObjectStore s3;

    @TempDir
    Path tmp;

    private RecordingObjectStore store;
    private ArtifactPublisher publisher;
    private ArtifactFetcher fetcher;

    @BeforeAll
    static void startServer() {
        server = EmbeddedS3Server.start(s3Root);
        s3 = new S3ObjectStore(server.s3Config(BUCKET), S3ObjectStore.MIN_PART_SIZE);
        s3.ensureBucket(BUCKET);
    }

    @AfterAll
    static void stopServer() {
        s3.close();
        server.close();
    }

    @BeforeEach
    void wire() {
        store = new RecordingObjectStore(s3);
        publisher = new ArtifactPublisher(store);
        fetcher = new ArtifactFetcher(store, tmp.resolve("cache"));
    }

    @Test
    void publishUploadsEveryFileThenTheManifestLast() throws IOException {
        Path dir = sampleArtifact("a", true);
        S3Uri prefix = prefix("benches/h-a");

        ArtifactManifest manifest = publisher.publish(dir, prefix, description("h-a"));

        assertThat(store.writes).last().isEqualTo("benches/h-a/manifest.json");
        assertThat(store.writes).containsExactlyInAnyOrder("benches/h-a/data/big.bin",
                "benches/h-a/data/tasks.jsonl", "benches/h-a/info.json", "benches/h-a/manifest.json");
        assertThat(manifest.files()).extracting(ManifestFile::path)
                .containsExactly("data/big.bin", "data/tasks.jsonl", "info.json");
        ManifestFile info = manifest.files().get(2);
        assertThat(info.size()).isEqualTo(Files.size(dir.resolve("info.json")));
        assertThat(info.sha256()).isEqualTo(Sha256.ofBytes(Files.readAllBytes(dir.resolve("info.json"))));
        assertThat(publisher.isPublished(prefix)).isTrue();
        assertThat(publisher.readManifest(prefix)).contains(manifest);
    }

    @Test
    void manifestJsonIsCanonicalAndCarriesNoTimestamp() throws IOException {
        ArtifactManifest first = publisher.publish(sampleArtifact("c", false), prefix("benches/c1"), description("h-c"));
        ArtifactManifest second = publisher.publish(sampleArtifact("c", false), prefix("benches/c2"), description("h-c"));

        byte[] json1 = s3.getBytes(ArtifactManifest.uriUnder(prefix("benches/c1")));
        byte[] json2 = s3.getBytes(ArtifactManifest.uriUnder(prefix("benches/c2")));
        assertThat(json1).isEqualTo(json2);
        assertThat(first).isEqualTo(second);
        String text = new String(json1, StandardCharsets.UTF_8);
        assertThat(text).contains("\"format\" : \"bench/1\"", "\"inputs\" : {", "\"sources\" : \"s3://x/y\"")
                .doesNotContainIgnoringCase("time").doesNotContainIgnoringCase("date");
        assertThat(ArtifactManifest.fromJson(json1)).isEqualTo(first);
    }

    @Test
    void interruptedPublishLeavesAnUnpublishedFolderThatARetryCompletes() throws IOException {
        Path dir = sampleArtifact("b", false);
        S3Uri prefix = prefix("mixtures/h-b");
        store.failUploadOf("info.json");

        assertThatThrownBy(() -> publisher.publish(dir, prefix, description("h-b")))
                .isInstanceOf(ObjectStoreException.class)
                .hasMessageContaining("simulated crash");

        assertThat(s3.list(prefix)).isNotEmpty();
        assertThat(publisher.isPublished(prefix)).isFalse();
        assertThatThrownBy(() -> fetcher.fetchTo(prefix, tmp.resolve("out")))
                .isInstanceOf(ArtifactNotPublishedException.class)
                .hasMessageContaining("s3://imlab-artifacts/mixtures/h-b/")
                .hasMessageContaining("not published or incomplete");

        store.failUploadOf(null);
        publisher.publish(dir, prefix, description("h-b"));
        assertThat(publisher.isPublished(prefix)).isTrue();
        assertThat(fetcher.fetchTo(prefix, tmp.resolve("out")).hash()).isEqualTo("h-b");
    }

    @Test
    void republishingTheSameHashUploadsNothingAndADifferentHashIsRefused() throws IOException {
        Path dir = sampleArtifact("d", false);
        S3Uri prefix = prefix("benches/h-d");
        ArtifactManifest manifest = publisher.publish(dir, prefix, description("h-d"));
        store.writes.clear();

        assertThat(publisher.publish(dir, prefix, description("h-d"))).isEqualTo(manifest);
        assertThat(store.writes).isEmpty();
        assertThatThrownBy(() -> publisher.publish(dir, prefix, description("other")))
                .isInstanceOf(ObjectStoreException.class)
                .hasMessageContaining("refusing to overwrite s3://imlab-artifacts/benches/h-d/");
    }

    @Test
    void fetchToVerifiesAndRestoresTheFolder() throws IOException {
        Path dir = sampleArtifact("e", true);
        S3Uri prefix = prefix("benches/h-e");
        publisher.publish(dir, prefix, description("h-e"));

        Path out = tmp.resolve("fetched");
        fetcher.fetchTo(prefix, out);

        for (String path : List.of("info.json", "data/tasks.jsonl", "data/big.bin")) {
            assertThat(Files.readAllBytes(out.resolve(path))).as(path).isEqualTo(Files.readAllBytes(dir.resolve(path)));
        }
        assertThat(out.resolve(ArtifactManifest.FILE_NAME)).exists();
    }

    @Test
    void fetchRejectsATamperedObject() throws IOException {
        Path dir = sampleArtifact("f", false);
        S3Uri prefix = prefix("benches/h-f");
        publisher.publish(dir, prefix, description("h-f"));
        byte[] original = Files.readAllBytes(dir.resolve("data/tasks.jsonl"));
        byte[] tampered = original.clone();
        tampered[3] ^= 1;
        s3.putBytes(tampered, prefix.resolve("data/tasks.jsonl"));

        assertThatThrownBy(() -> fetcher.fetchTo(prefix, tmp.resolve("out")))
                .isInstanceOf(ArtifactIntegrityException.class)
                .hasMessageContaining("s3://imlab-artifacts/benches/h-f/data/tasks.jsonl")
                .hasMessageContaining("sha256")
                .hasMessageContaining("does not match the manifest");
        assertThat(tmp.resolve("out/data/tasks.jsonl")).doesNotExist();

        s3.putBytes(new byte[] {1, 2, 3}, prefix.resolve("data/tasks.jsonl"));
        assertThatThrownBy(() -> fetcher.fetch(prefix))
                .isInstanceOf(ArtifactIntegrityException.class)
                .hasMessageContaining("size 3 bytes");
        assertThat(tmp.resolve("cache/bench/h-f")).doesNotExist();
    }

    @Test
    void fetchRefusesManifestPathsThatEscapeTheFolder() {
        S3Uri prefix = prefix("benches/evil");
        ArtifactManifest evil = ArtifactManifest.of(description("evil"),
                List.of(new ManifestFile("../../outside.txt", 1, "00")));
        s3.putBytes(new byte[] {1}, prefix("outside.txt"));
        s3.putBytes(evil.toJson(), ArtifactManifest.uriUnder(prefix));

        assertThatThrownBy(() -> fetcher.fetchTo(prefix, tmp.resolve("out")))
                .isInstanceOf(ArtifactIntegrityException.class)
                .hasMessageContaining("unsafe path '../../outside.txt'");
        assertThat(tmp.resolve("outside.txt")).doesNotExist();
    }

    @Test
    void fetchServesRepeatedRequestsFromTheLocalCache() throws IOException {
        Path dir = sampleArtifact("g", false);
        S3Uri prefix = prefix("benches/h-g");
        publisher.publish(dir, prefix, description("h-g"));

        Path first = fetcher.fetch(prefix);
        assertThat(first).isEqualTo(tmp.resolve("cache/bench/h-g").toAbsolutePath());
        assertThat(Files.readAllBytes(first.resolve("info.json"))).isEqualTo(Files.readAllBytes(dir.resolve("info.json")));
        store.reads.clear();

        Path second = fetcher.fetch(prefix);

        assertThat(second).isEqualTo(first);
        assertThat(store.reads).containsExactly("benches/h-g/manifest.json");
        try (var entries = Files.list(first.getParent())) {
            assertThat(entries).as("no partial download folder left behind").containsExactly(first);
        }
    }

    /** info.json, data/tasks.jsonl and data/big.bin (6 MiB, above the 5 MiB part size, when {@code large}). */
    private Path sampleArtifact(String name, boolean large) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("src-" + name + "/data"));
        Files.writeString(dir.resolve("tasks.jsonl"), "{\"task\":\"t1\"}\n{\"task\":\"t2\"}\n");
        byte[] big = new byte[large ? 6 * 1024 * 1024 + 17 : 4096];
        new Random(name.hashCode()).nextBytes(big);
        Files.write(dir.resolve("big.bin"), big);
        return Files.writeString(dir.getParent().resolve("info.json"), "{\"tasks\":2}").getParent();
    }

    private static ArtifactDescription description(String hash) {
        return new ArtifactDescription("bench/1", "bench", hash, "imlab-test", null, Map.of("sources", "s3://x/y"));
    }

    private static S3Uri prefix(String key) {
        return S3Uri.bucketRoot(BUCKET).resolve(key);
    }
}
