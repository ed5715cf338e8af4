package io.imlab.activities.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class S3ConfigTest {

    @Test
    void readsEnvironmentWithDefaultRegion() {
        S3Config config = S3Config.fromEnvironment(Map.of(
                "IMLAB_S3_ENDPOINT", "http://127.0.0.1:9000",
                "IMLAB_S3_ACCESS_KEY", "AKIDEXAMPLE",
                "IMLAB_S3_SECRET_KEY", "very-secret",
                "IMLAB_S3_BUCKET", "imlab"));
        assertThat(config.region()).isEqualTo(S3Config.DEFAULT_REGION);
        assertThat(config.bucketRoot()).hasToString("s3://imlab/");
        assertThat(S3Config.fromEnvironment(config.toEnvironment())).isEqualTo(config);
    }

    @Test
    void reportsEveryMissingVariableAtOnce() {
        assertThatThrownBy(() -> S3Config.fromEnvironment(Map.of("IMLAB_S3_BUCKET", "imlab")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IMLAB_S3_ENDPOINT")
                .hasMessageContaining("IMLAB_S3_ACCESS_KEY")
                .hasMessageContaining("IMLAB_S3_SECRET_KEY")
                .message().doesNotContain("IMLAB_S3_BUCKET");
    }

    @Test
    void validatesFieldsWithTheirNames() {
        assertThatThrownBy(() -> new S3Config("ftp://x", "a", "s", "r", "Bad_Bucket"))
                .hasMessageContaining("endpoint:")
                .hasMessageContaining("bucket:");
    }

    @Test
    void toStringNeverShowsSecrets() {
        S3Config config = new S3Config("http://127.0.0.1:9000", "AKIDEXAMPLE", "very-secret", "us-east-1", "imlab");
        assertThat(config.toString())
                .contains("http://127.0.0.1:9000", "imlab")
                .doesNotContain("AKIDEXAMPLE")
                .doesNotContain("very-secret");
    }
}
