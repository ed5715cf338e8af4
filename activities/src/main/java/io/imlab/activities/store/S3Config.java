package io.imlab.activities.store;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where and how to reach the object store. Secrets never appear in {@link #toString()}.
 *
 * @param endpoint  S3 endpoint URL, e.g. {@code http://127.0.0.1:9000}
 * @param accessKey access key id
 * @param secretKey secret access key
 * @param region    signing region; for S3Proxy this must be the blobstore id (e.g. {@code filesystem-nio2}),
 *                  otherwise the client first asks the server for the bucket location
 * @param bucket    bucket that holds every imlab artifact
 */
public record S3Config(String endpoint, String accessKey, String secretKey, String region, String bucket) {

    /** Environment variable holding {@link #endpoint()}. */
    public static final String ENV_ENDPOINT = "IMLAB_S3_ENDPOINT";
    /** Environment variable holding {@link #accessKey()}. */
    public static final String ENV_ACCESS_KEY = "IMLAB_S3_ACCESS_KEY";
    /** Environment variable holding {@link #secretKey()}. */
    public static final String ENV_SECRET_KEY = "IMLAB_S3_SECRET_KEY";
    /** Environment variable holding {@link #region()}; optional. */
    public static final String ENV_REGION = "IMLAB_S3_REGION";
    /** Environment variable holding {@link #bucket()}. */
    public static final String ENV_BUCKET = "IMLAB_S3_BUCKET";
    /** Region used when none is given. */
    public static final String DEFAULT_REGION = "us-east-1";

    /**
     * Validates every field and reports all problems at once.
     *
     * @throws IllegalArgumentException listing each invalid field
     */
    public S3Config {
        List<String> problems = new ArrayList<>();
        if (endpoint == null || endpoint.isBlank()) {
            problems.add("endpoint: must be set");
        } else {
            try {
                URI uri = URI.create(endpoint);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    problems.add("endpoint: '" + endpoint + "' must be an http(s) URL with a host");
                }
            } catch (IllegalArgumentException e) {
                problems.add("endpoint: '" + endpoint + "' is not a URL (" + e.getMessage() + ")");
            }
        }
        if (accessKey == null || accessKey.isBlank()) {
            problems.add("accessKey: must be set");
        }
        if (secretKey == null || secretKey.isBlank()) {
            problems.add("secretKey: must be set");
        }
        if (region == null || region.isBlank()) {
            problems.add("region: must be set");
        }
        if (bucket == null || bucket.isBlank()) {
            problems.add("bucket: must be set");
        } else {
            try {
                S3Uri.bucketRoot(bucket);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid S3 configuration: " + String.join("; ", problems));
        }
    }

    /**
     * Reads the configuration from {@code IMLAB_S3_*} variables ({@link #ENV_REGION} defaults to
     * {@value #DEFAULT_REGION}).
     *
     * @param environment usually {@code System.getenv()}
     * @throws IllegalArgumentException naming every missing or invalid variable
     */
    public static S3Config fromEnvironment(Map<String, String> environment) {
        List<String> missing = new ArrayList<>();
        for (String name : List.of(ENV_ENDPOINT, ENV_ACCESS_KEY, ENV_SECRET_KEY, ENV_BUCKET)) {
            String value = environment.get(name);
            if (value == null || value.isBlank()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("S3 configuration incomplete, set: " + String.join(", ", missing));
        }
        String region = environment.getOrDefault(ENV_REGION, "");
        return new S3Config(environment.get(ENV_ENDPOINT), environment.get(ENV_ACCESS_KEY),
                environment.get(ENV_SECRET_KEY), region.isBlank() ? DEFAULT_REGION : region,
                environment.get(ENV_BUCKET));
    }

    /** The inverse of {@link #fromEnvironment(Map)}: the variables a child process needs to reach the store. */
    public Map<String, String> toEnvironment() {
        return Map.of(ENV_ENDPOINT, endpoint, ENV_ACCESS_KEY, accessKey, ENV_SECRET_KEY, secretKey,
                ENV_REGION, region, ENV_BUCKET, bucket);
    }

    /** The root of {@link #bucket()}. */
    public S3Uri bucketRoot() {
        return S3Uri.bucketRoot(bucket);
    }

    @Override
    public String toString() {
        return "S3Config[endpoint=" + endpoint + ", accessKey=****, secretKey=****, region=" + region
                + ", bucket=" + bucket + "]";
    }
}
