package io.imlab.activities.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.imlab.activities.store.embedded.EmbeddedS3Server;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link S3ObjectStore} against a real S3Proxy started in this JVM. */
class S3ObjectStoreIT {

    private static final String BUCKET = "imlab-it";

    @TempDir
    static Path s3Root;

    private static EmbeddedS3Server server;
    private static S3ObjectStore store;

    @BeforeAll
    static void startServer() {
        server = EmbeddedS3Server.start(s3Root);
        store = new S3ObjectStore(server.s3Config(BUCKET), S3ObjectStore.MIN_PART_SIZE);
        store.ensureBucket(BUCKET);
    }

    @AfterAll
    static void stopServer() {
        store.close();
        server.close();
    }

    @Test
    void ensureBucketIsIdempotent() {
        store.ensureBucket(BUCKET);
        store.ensureBucket("second-bucket");
        store.ensureBucket("second-bucket");
        assertThat(store.list(S3Uri.bucketRoot("second-bucket"))).isEmpty();
    }

    @Test
    void bytesRoundTripWithStatAndExists() {
        S3Uri uri = S3Uri.parse("s3://" + BUCKET + "/bytes/hello.txt");
        assertThat(store.exists(uri)).isFalse();
        StoredObject put = store.putBytes("hello".getBytes(StandardCharsets.UTF_8), uri);
        assertThat(put.size()).isEqualTo(5);
        assertThat(store.exists(uri)).isTrue();
        assertThat(store.size(uri)).isEqualTo(5);
        assertThat(new String(store.getBytes(uri), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void largeFileGoesUpInPartsAndComesBackIdentical(@TempDir Path tmp) throws IOException {
        byte[] data = new byte[12 * 1024 * 1024 + 321];
        new Random(7).nextBytes(data);
        Path source = Files.write(tmp.resolve("big.bin"), data);
        S3Uri uri = S3Uri.parse("s3://" + BUCKET + "/multipart/big.bin");

        StoredObject stored = store.putFile(source, uri);

        // A multipart upload's ETag is "<md5 of part md5s>-<part count>": 12 MiB in 5 MiB parts is 3 parts.
        assertThat(stored.etag()).endsWith("-3");
        assertThat(stored.size()).isEqualTo(data.length);
        assertThat(store.size(uri)).isEqualTo(data.length);
        Path copy = tmp.resolve("out/nested/big.bin");
        store.getToFile(uri, copy);
        assertThat(Files.readAllBytes(copy)).isEqualTo(data);
        try (var files = Files.list(copy.getParent())) {
            assertThat(files).as("no partial download left behind").containsExactly(copy);
        }
    }

    @Test
    void listIsRecursiveSortedAndTreatsThePrefixAsAFolder() {
        S3Uri base = S3Uri.parse("s3://" + BUCKET + "/listing");
        store.putBytes(new byte[] {1}, base.resolve("run1/b.txt"));
        store.putBytes(new byte[] {1, 2}, base.resolve("run1/a/deep.txt"));
        store.putBytes(new byte[] {1, 2, 3}, base.resolve("run10/c.txt"));

        assertThat(store.list(base.resolve("run1")))
                .extracting(o -> o.uri().key(), StoredObject::size)
                .containsExactly(
                        tuple("listing/run1/a/deep.txt", 2L),
                        tuple("listing/run1/b.txt", 1L));
        assertThat(store.list(base)).hasSize(3);
    }

    @Test
    void deletePrefixRemovesOnlyThatFolder() {
        S3Uri base = S3Uri.parse("s3://" + BUCKET + "/deleting");
        for (int i = 0; i < 5; i++) {
            store.putBytes(new byte[] {(byte) i}, base.resolve("gone/f" + i));
        }
        store.putBytes(new byte[] {9}, base.resolve("gone-not/keep"));

        assertThat(store.deletePrefix(base.resolve("gone"))).isEqualTo(5);

        assertThat(store.list(base.resolve("gone"))).isEmpty();
        assertThat(store.exists(base.resolve("gone-not/keep"))).isTrue();
        assertThat(store.deletePrefix(base.resolve("gone"))).isZero();
    }

    @Test
    void missingObjectsFailWithTheirUri(@TempDir Path tmp) {
        S3Uri missing = S3Uri.parse("s3://" + BUCKET + "/nope/missing.bin");
        assertThatThrownBy(() -> store.getBytes(missing))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining("s3://imlab-it/nope/missing.bin");
        assertThatThrownBy(() -> store.size(missing)).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store.getToFile(missing, tmp.resolve("x")))
                .isInstanceOf(ObjectNotFoundException.class);
        assertThat(tmp.resolve("x")).doesNotExist();
        assertThatThrownBy(() -> store.getBytes(S3Uri.parse("s3://no-such-bucket/k")))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining("s3://no-such-bucket/k");
    }

    @Test
    void wrongCredentialsAreReportedWithTheUri() {
        S3Config good = server.s3Config(BUCKET);
        S3Config bad = new S3Config(good.endpoint(), good.accessKey(), "wrong-secret", good.region(), BUCKET);
        try (S3ObjectStore intruder = new S3ObjectStore(bad)) {
            assertThatThrownBy(() -> intruder.putBytes(new byte[] {1}, S3Uri.parse("s3://imlab-it/x")))
                    .isInstanceOf(ObjectStoreException.class)
                    .hasMessageContaining("s3://imlab-it/x")
                    .hasMessageNotContaining("wrong-secret");
        }
    }

    @Test
    void keysDerivedFromNamesStayInsideTheirFolder() {
        S3Uri runs = S3Uri.parse("s3://" + BUCKET + "/runs");
        S3Uri uri = runs.resolve(S3Uri.sanitizeSegment("../../etc/passwd"), "run.json");
        store.putBytes(new byte[] {1}, uri);
        assertThat(store.list(runs)).extracting(o -> o.uri().key()).containsExactly("runs/-..-etc-passwd/run.json");
        assertThat(server.root().resolve(BUCKET).resolve("runs/-..-etc-passwd/run.json")).exists();
    }
}
