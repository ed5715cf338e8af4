package io.imlab.activities.store;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The few object store operations imlab needs. Every failure is an unchecked {@link ObjectStoreException}
 * whose message names the URI; a missing object is an {@link ObjectNotFoundException}.
 *
 * <p>Prefix operations ({@link #list}, {@link #deletePrefix}) treat the URI as a folder: {@code s3://b/runs/1}
 * covers {@code runs/1/...} but not {@code runs/10/...}.
 */
public interface ObjectStore extends AutoCloseable {

    /** Creates the bucket unless it exists. */
    void ensureBucket(String bucket);

    /** Uploads a local file; large files go up in parts. */
    StoredObject putFile(Path file, S3Uri uri);

    /** Uploads a small in-memory object. */
    StoredObject putBytes(byte[] data, S3Uri uri);

    /** Downloads an object to {@code target}, replacing it, creating parent folders. */
    void getToFile(S3Uri uri, Path target);

    /** Reads a small object fully into memory. */
    byte[] getBytes(S3Uri uri);

    /** Opens an object for streaming; the caller closes the stream. */
    InputStream open(S3Uri uri);

    /** Whether the object exists. */
    boolean exists(S3Uri uri);

    /** Size in bytes of an existing object. */
    long size(S3Uri uri);

    /** Every object below the prefix, recursively, ordered by key. */
    List<StoredObject> list(S3Uri prefix);

    /**
     * Deletes every object below the prefix.
     *
     * @return the number of objects deleted
     */
    int deletePrefix(S3Uri prefix);

    /** Releases the client's connections. */
    @Override
    void close();
}
