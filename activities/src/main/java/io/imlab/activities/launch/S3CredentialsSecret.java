package io.imlab.activities.launch;

import java.util.ArrayList;
import java.util.List;

/**
 * The Kubernetes Secret that holds the object store credentials of training pods. Pods read the keys through
 * {@code secretKeyRef}: the credentials never appear in a Job, a log or a {@link TrainingJobSpec}.
 *
 * @param name         Secret name, in the job's namespace
 * @param accessKeyKey key of the access key id in the Secret (the chart's default: {@code accessKey})
 * @param secretKeyKey key of the secret access key (the chart's default: {@code secretKey})
 */
public record S3CredentialsSecret(String name, String accessKeyKey, String secretKeyKey) {

    /** Key names of the Helm chart's {@code s3.credentials} defaults. */
    public static final String DEFAULT_ACCESS_KEY_KEY = "accessKey";
    /** Key names of the Helm chart's {@code s3.credentials} defaults. */
    public static final String DEFAULT_SECRET_KEY_KEY = "secretKey";

    /**
     * Validates every field.
     *
     * @throws IllegalArgumentException naming each blank field
     */
    public S3CredentialsSecret {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add("name: must be set");
        }
        if (accessKeyKey == null || accessKeyKey.isBlank()) {
            problems.add("accessKeyKey: must be set");
        }
        if (secretKeyKey == null || secretKeyKey.isBlank()) {
            problems.add("secretKeyKey: must be set");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid S3 credentials secret: " + String.join("; ", problems));
        }
    }

    /** A Secret with the chart's key names. */
    public static S3CredentialsSecret named(String name) {
        return new S3CredentialsSecret(name, DEFAULT_ACCESS_KEY_KEY, DEFAULT_SECRET_KEY_KEY);
    }
}
