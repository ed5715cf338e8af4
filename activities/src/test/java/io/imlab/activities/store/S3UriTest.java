package io.imlab.activities.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class S3UriTest {

    @Test
    void parsesAndFormatsRoundTrip() {
        S3Uri uri = S3Uri.parse("s3://imlab/benches/abc/manifest.json");
        assertThat(uri.bucket()).isEqualTo("imlab");
        assertThat(uri.key()).isEqualTo("benches/abc/manifest.json");
        assertThat(uri.toString()).isEqualTo("s3://imlab/benches/abc/manifest.json");
        assertThat(S3Uri.parse(uri.toString())).isEqualTo(uri);
        assertThat(uri.name()).isEqualTo("manifest.json");
    }

    @Test
    void bucketRootParsesWithAndWithoutSlash() {
        assertThat(S3Uri.parse("s3://imlab")).isEqualTo(S3Uri.bucketRoot("imlab"));
        assertThat(S3Uri.parse("s3://imlab/")).isEqualTo(S3Uri.bucketRoot("imlab"));
        assertThat(S3Uri.bucketRoot("imlab").keyPrefix()).isEmpty();
    }

    @Test
    void resolveJoinsSegmentsWithSingleSlashes() {
        S3Uri runs = S3Uri.parse("s3://imlab/runs/");
        assertThat(runs.resolve("r1", "checkpoints/step-10")).hasToString("s3://imlab/runs/r1/checkpoints/step-10");
        assertThat(S3Uri.bucketRoot("imlab").resolve("a")).hasToString("s3://imlab/a");
        assertThat(runs.resolve("r1").keyPrefix()).isEqualTo("runs/r1/");
        assertThat(runs.resolve("r1").asPrefix()).hasToString("s3://imlab/runs/r1/");
    }

    @Test
    void rejectsTraversalAbsoluteAndEmptySegments() {
        S3Uri base = S3Uri.parse("s3://imlab/runs");
        assertThatThrownBy(() -> base.resolve("../secrets")).hasMessageContaining("'..' segment");
        assertThatThrownBy(() -> base.resolve("a/./b")).hasMessageContaining("'.' segment");
        assertThatThrownBy(() -> base.resolve("/etc/passwd")).hasMessageContaining("relative");
        assertThatThrownBy(() -> base.resolve("a//b")).hasMessageContaining("empty segment");
        assertThatThrownBy(() -> S3Uri.parse("s3://imlab//x")).hasMessageContaining("relative");
        assertThatThrownBy(() -> S3Uri.parse("s3://imlab/a/../b")).hasMessageContaining("'..' segment");
    }

    @Test
    void rejectsBadBucketsAndSchemes() {
        assertThatThrownBy(() -> S3Uri.parse("http://imlab/a")).hasMessageContaining("not an S3 URI");
        assertThatThrownBy(() -> S3Uri.parse("s3://Im_Lab/a")).hasMessageContaining("bucket");
        assertThatThrownBy(() -> S3Uri.bucketRoot("ab")).hasMessageContaining("bucket");
    }

    @Test
    void sanitizeSegmentMakesNamesSafe() {
        assertThat(S3Uri.sanitizeSegment("CoT 4% / seed=1")).isEqualTo("CoT-4-seed-1");
        assertThat(S3Uri.sanitizeSegment("../../etc")).isEqualTo("-..-etc");
        assertThat(S3Uri.sanitizeSegment("..hidden")).isEqualTo("hidden");
        assertThat(S3Uri.sanitizeSegment("run_1.a-b")).isEqualTo("run_1.a-b");
        assertThat(S3Uri.sanitizeSegment("x".repeat(300))).hasSize(128);
        assertThatThrownBy(() -> S3Uri.sanitizeSegment("..")).hasMessageContaining("no characters usable");
        assertThatThrownBy(() -> S3Uri.sanitizeSegment("///")).hasMessageContaining("no characters usable");
        // A sanitized name is always accepted as a key segment.
        assertThat(S3Uri.bucketRoot("imlab").resolve(S3Uri.sanitizeSegment("../../etc")).key()).isEqualTo("-..-etc");
    }

    @Test
    void relativizeGivesTheKeyBelowAPrefix() {
        S3Uri prefix = S3Uri.parse("s3://imlab/benches/h1");
        assertThat(prefix.relativize(S3Uri.parse("s3://imlab/benches/h1/data/x.bin"))).isEqualTo("data/x.bin");
        assertThatThrownBy(() -> prefix.relativize(S3Uri.parse("s3://imlab/benches/h10/x")))
                .hasMessageContaining("is not below");
    }
}
