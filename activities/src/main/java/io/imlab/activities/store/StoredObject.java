package io.imlab.activities.store;

/**
 * One object as the store reports it.
 *
 * @param uri  where it is
 * @param size length in bytes
 * @param etag the store's entity tag (for a multipart upload it ends with {@code -<parts>})
 */
public record StoredObject(S3Uri uri, long size, String etag) {
}
