package io.imlab.activities.store;

import java.time.Instant;

/**
 * One object as the store reports it.
 *
 * @param uri          where it is
 * @param size         length in bytes
 * @param etag         the store's entity tag (for a multipart upload it ends with {@code -<parts>})
 * @param lastModified when the store last wrote it, as a listing reports it; {@code null} where the call that
 *                     produced this record does not say (an upload's response)
 */
public record StoredObject(S3Uri uri, long size, String etag, Instant lastModified) {

    /** An object whose write time is unknown. */
    public StoredObject(S3Uri uri, long size, String etag) {
        this(uri, size, etag, null);
    }
}
