package io.imlab.activities.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Address of an object or of a folder-like prefix in an S3 bucket: {@code s3://bucket/key}.
 *
 * <p>Keys are relative, '/'-separated paths whose segments are never empty, {@code .} or {@code ..}: artifact
 * folders are built by joining names, and a segment such as {@code ..} would let a spec value escape its
 * folder once the key is mirrored to a local directory. Names that come from users (run names, experiment
 * names) go through {@link #sanitizeSegment(String)} before they are joined.
 *
 * @param bucket S3 bucket name (3–63 characters of lower-case letters, digits, '.' and '-')
 * @param key    object key or prefix without a leading '/', possibly empty (the bucket root)
 */
public record S3Uri(String bucket, String key) {

    /** URI scheme, including the separator. */
    public static final String SCHEME = "s3://";

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern UNSAFE_SEGMENT_CHARS = Pattern.compile("[^A-Za-z0-9._-]+");
    private static final int MAX_SEGMENT_LENGTH = 128;

    /**
     * Validates bucket and key.
     *
     * @throws IllegalArgumentException naming the offending part
     */
    public S3Uri {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("bucket: '" + bucket
                    + "' is not a valid S3 bucket name (3-63 characters: a-z, 0-9, '.', '-')");
        }
        if (key.startsWith("/")) {
            throw new IllegalArgumentException("key: '" + key + "' must be relative (no leading '/')");
        }
        String body = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        if (!body.isEmpty()) {
            for (String segment : body.split("/", -1)) {
                validateSegment(segment, key);
            }
        } else if (!key.isEmpty()) {
            throw new IllegalArgumentException("key: '" + key + "' has an empty segment");
        }
    }

    /**
     * Parses {@code s3://bucket/key}; {@code s3://bucket} and {@code s3://bucket/} address the bucket root.
     *
     * @throws IllegalArgumentException when the text is not an S3 URI or breaks the key rules
     */
    public static S3Uri parse(String text) {
        Objects.requireNonNull(text, "text");
        if (!text.startsWith(SCHEME)) {
            throw new IllegalArgumentException("'" + text + "' is not an S3 URI (expected s3://bucket/key)");
        }
        String rest = text.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? new S3Uri(rest, "") : new S3Uri(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** The root of a bucket. */
    public static S3Uri bucketRoot(String bucket) {
        return new S3Uri(bucket, "");
    }

    /**
     * Turns an arbitrary name (a run or experiment name) into one safe key segment: characters outside
     * {@code [A-Za-z0-9._-]} become '-', leading dots are dropped (no {@code .} / {@code ..} / hidden names),
     * and the result is cut to 128 characters.
     *
     * @throws IllegalArgumentException when nothing usable is left
     */
    public static String sanitizeSegment(String name) {
        Objects.requireNonNull(name, "name");
        String cleaned = UNSAFE_SEGMENT_CHARS.matcher(name.strip()).replaceAll("-");
        int start = 0;
        while (start < cleaned.length() && cleaned.charAt(start) == '.') {
            start++;
        }
        cleaned = cleaned.substring(start);
        if (cleaned.length() > MAX_SEGMENT_LENGTH) {
            cleaned = cleaned.substring(0, MAX_SEGMENT_LENGTH);
        }
        if (cleaned.isEmpty() || cleaned.chars().allMatch(c -> c == '-')) {
            throw new IllegalArgumentException("name '" + name + "' has no characters usable in an object key");
        }
        return cleaned;
    }

    /**
     * Joins relative path segments to this URI. Each argument may itself contain '/', but no segment may be
     * empty, {@code .} or {@code ..}.
     *
     * @throws IllegalArgumentException when a segment breaks the key rules
     */
    public S3Uri resolve(String... path) {
        List<String> parts = new ArrayList<>();
        String base = trimmedKey();
        if (!base.isEmpty()) {
            parts.add(base);
        }
        for (String p : path) {
            Objects.requireNonNull(p, "path segment");
            if (p.startsWith("/")) {
                throw new IllegalArgumentException("path '" + p + "' must be relative (no leading '/')");
            }
            parts.add(p.endsWith("/") ? p.substring(0, p.length() - 1) : p);
        }
        return new S3Uri(bucket, String.join("/", parts));
    }

    /** The key as a folder prefix: empty for the bucket root, otherwise ending with exactly one '/'. */
    public String keyPrefix() {
        String trimmed = trimmedKey();
        return trimmed.isEmpty() ? "" : trimmed + "/";
    }

    /** This URI as a folder: {@link #keyPrefix()} as key. */
    public S3Uri asPrefix() {
        return new S3Uri(bucket, keyPrefix());
    }

    /** The last key segment, or empty for the bucket root. */
    public String name() {
        String trimmed = trimmedKey();
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /**
     * The key of {@code child} relative to this URI taken as a folder.
     *
     * @throws IllegalArgumentException when {@code child} is not below this prefix
     */
    public String relativize(S3Uri child) {
        String prefix = keyPrefix();
        if (!child.bucket.equals(bucket) || !child.key.startsWith(prefix) || child.key.length() == prefix.length()) {
            throw new IllegalArgumentException(child + " is not below " + asPrefix());
        }
        return child.key.substring(prefix.length());
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + key;
    }

    private String trimmedKey() {
        return key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
    }

    private static void validateSegment(String segment, String key) {
        if (segment.isEmpty()) {
            throw new IllegalArgumentException("key: '" + key + "' has an empty segment ('//')");
        }
        if (segment.equals(".") || segment.equals("..")) {
            throw new IllegalArgumentException("key: '" + key + "' has a '" + segment + "' segment");
        }
        if (segment.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
            throw new IllegalArgumentException("key: '" + key + "' has a control character or backslash");
        }
    }
}
