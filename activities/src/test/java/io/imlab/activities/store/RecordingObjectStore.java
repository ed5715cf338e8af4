package io.imlab.activities.store;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test decorator: forwards to a real store, records every write and read, and can be told to fail the
 * upload of one key (to simulate a crash in the middle of a publish).
 */
final class RecordingObjectStore implements ObjectStore {

    private final ObjectStore delegate;
    final List<String> writes = new CopyOnWriteArrayList<>();
    final List<String> reads = new CopyOnWriteArrayList<>();
    private volatile String failUploadOf;

    RecordingObjectStore(ObjectStore delegate) {
        this.delegate = delegate;
    }

    void failUploadOf(String keySuffix) {
        this.failUploadOf = keySuffix;
    }

    @Override
    public void ensureBucket(String bucket) {
        delegate.ensureBucket(bucket);
    }

    @Override
    public StoredObject putFile(Path file, S3Uri uri) {
        if (failUploadOf != null && uri.key().endsWith(failUploadOf)) {
            throw new ObjectStoreException("simulated crash while uploading " + uri, uri, null);
        }
        writes.add(uri.key());
        return delegate.putFile(file, uri);
    }

    @Override
    public StoredObject putBytes(byte[] data, S3Uri uri) {
        writes.add(uri.key());
        return delegate.putBytes(data, uri);
    }

    @Override
    public void getToFile(S3Uri uri, Path target) {
        reads.add(uri.key());
        delegate.getToFile(uri, target);
    }

    @Override
    public byte[] getBytes(S3Uri uri) {
        reads.add(uri.key());
        return delegate.getBytes(uri);
    }

    @Override
    public InputStream open(S3Uri uri) {
        reads.add(uri.key());
        return delegate.open(uri);
    }

    @Override
    public boolean exists(S3Uri uri) {
        return delegate.exists(uri);
    }

    @Override
    public long size(S3Uri uri) {
        return delegate.size(uri);
    }

    @Override
    public List<StoredObject> list(S3Uri prefix) {
        return delegate.list(prefix);
    }

    @Override
    public int deletePrefix(S3Uri prefix) {
        return delegate.deletePrefix(prefix);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
