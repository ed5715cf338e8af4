package io.imlab.activities.store;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.DeleteRequest;
import io.minio.messages.DeleteResult;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@link ObjectStore} on the MinIO Java client: works with MinIO, S3Proxy and any S3-compatible server.
 * Thread-safe (the MinIO client is).
 */
public final class S3ObjectStore implements ObjectStore {

    /** Default part size of multipart uploads. */
    public static final long DEFAULT_PART_SIZE = 16L * 1024 * 1024;
    /** Smallest part size S3 accepts (every part but the last must be at least this big). */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    // S3 DeleteObjects accepts at most 1000 keys per request.
    private static final int DELETE_BATCH = 1000;
    private static final Set<String> NOT_FOUND_CODES = Set.of("NoSuchKey", "NoSuchBucket", "NotFound", "NoSuchObject");

    private final MinioClient client;
    private final S3Config config;
    private final long partSize;

    /** A store with {@link #DEFAULT_PART_SIZE}. */
    public S3ObjectStore(S3Config config) {
        this(config, DEFAULT_PART_SIZE);
    }

    /**
     * @param config   endpoint, credentials, region
     * @param partSize multipart part size in bytes, at least {@link #MIN_PART_SIZE}; files larger than this
     *                 are uploaded in parts
     */
    public S3ObjectStore(S3Config config, long partSize) {
        this.config = Objects.requireNonNull(config, "config");
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("partSize: must be >= " + MIN_PART_SIZE + " bytes, was " + partSize);
        }
        this.partSize = partSize;
        this.client = MinioClient.builder()
                .endpoint(config.endpoint())
                .credentials(config.accessKey(), config.secretKey())
                .region(config.region())
                .build();
    }

    /** The configuration this store was built from. */
    public S3Config config() {
        return config;
    }

    @Override
    public void ensureBucket(String bucket) {
        S3Uri root = S3Uri.bucketRoot(bucket);
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
        } catch (ErrorResponseException e) {
            // Two processes may create the bucket at the same time; the loser sees one of these codes.
            String code = e.errorResponse().code();
            if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
                throw failure("create bucket", root, e);
            }
        } catch (MinioException e) {
            throw failure("create bucket", root, e);
        }
    }

    @Override
    public StoredObject putFile(Path file, S3Uri uri) {
        requireObjectKey(uri);
        if (!Files.isRegularFile(file)) {
            throw new ObjectStoreException("cannot upload " + file + " to " + uri + ": not a regular file", uri, null);
        }
        try {
            ObjectWriteResponse response = client.uploadObject(UploadObjectArgs.builder()
                    .bucket(uri.bucket()).object(uri.key())
                    .filename(file.toString(), partSize)
                    .build());
            return new StoredObject(uri, Files.size(file), stripQuotes(response.etag()));
        } catch (MinioException e) {
            throw failure("upload " + file + " to", uri, e);
        } catch (IOException e) {
            throw new ObjectStoreException("cannot read size of " + file + " uploaded to " + uri, uri, e);
        }
    }

    @Override
    public StoredObject putBytes(byte[] data, S3Uri uri) {
        requireObjectKey(uri);
        try {
            ObjectWriteResponse response = client.putObject(PutObjectArgs.builder()
                    .bucket(uri.bucket()).object(uri.key())
                    .stream(new ByteArrayInputStream(data), (long) data.length, -1L)
                    .build());
            return new StoredObject(uri, data.length, stripQuotes(response.etag()));
        } catch (MinioException e) {
            throw failure("put", uri, e);
        }
    }

    @Override
    public void getToFile(S3Uri uri, Path target) {
        Path absolute = target.toAbsolutePath();
        Path partial = null;
        try {
            Files.createDirectories(absolute.getParent());
            // Download next to the target and rename, so a crash never leaves a truncated file under its name.
            partial = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".part");
            try (InputStream in = open(uri)) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ObjectStoreException("cannot download " + uri + " to " + target + ": " + e.getMessage(), uri, e);
        } finally {
            deleteQuietly(partial);
        }
    }

    @Override
    public byte[] getBytes(S3Uri uri) {
        try (InputStream in = open(uri)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ObjectStoreException("cannot read " + uri + ": " + e.getMessage(), uri, e);
        }
    }

    @Override
    public InputStream open(S3Uri uri) {
        requireObjectKey(uri);
        try {
            return client.getObject(GetObjectArgs.builder().bucket(uri.bucket()).object(uri.key()).build());
        } catch (MinioException e) {
            throw failure("get", uri, e);
        }
    }

    @Override
    public boolean exists(S3Uri uri) {
        try {
            stat(uri);
            return true;
        } catch (ObjectNotFoundException e) {
            return false;
        }
    }

    @Override
    public long size(S3Uri uri) {
        return stat(uri).size();
    }

    @Override
    public List<StoredObject> list(S3Uri prefix) {
        List<StoredObject> objects = new ArrayList<>();
        try {
            Iterable<Result<Item>> results = client.listObjects(ListObjectsArgs.builder()
                    .bucket(prefix.bucket()).prefix(prefix.keyPrefix()).recursive(true).build());
            for (Result<Item> result : results) {
                Item item = result.get();
                if (!item.isDir()) {
                    objects.add(new StoredObject(new S3Uri(prefix.bucket(), item.objectName()), item.size(),
                            stripQuotes(item.etag()), item.lastModified() == null ? null : item.lastModified().toInstant()));
                }
            }
        } catch (MinioException e) {
            throw failure("list", prefix.asPrefix(), e);
        }
        objects.sort(Comparator.comparing(o -> o.uri().key()));
        return objects;
    }

    @Override
    public int deletePrefix(S3Uri prefix) {
        List<StoredObject> objects = list(prefix);
        for (int from = 0; from < objects.size(); from += DELETE_BATCH) {
            List<DeleteRequest.Object> batch = new ArrayList<>();
            for (StoredObject object : objects.subList(from, Math.min(objects.size(), from + DELETE_BATCH))) {
                batch.add(new DeleteRequest.Object(object.uri().key()));
            }
            // removeObjects is lazy: the request is only sent while the results are iterated.
            Iterable<Result<DeleteResult.Error>> errors = client.removeObjects(
                    RemoveObjectsArgs.builder().bucket(prefix.bucket()).objects(batch).build());
            List<String> failed = new ArrayList<>();
            try {
                for (Result<DeleteResult.Error> error : errors) {
                    DeleteResult.Error e = error.get();
                    failed.add(e.objectName() + " (" + e.code() + ": " + e.message() + ")");
                }
            } catch (MinioException e) {
                throw failure("delete objects under", prefix.asPrefix(), e);
            }
            if (!failed.isEmpty()) {
                throw new ObjectStoreException("cannot delete under " + prefix.asPrefix() + ": " + failed,
                        prefix, null);
            }
        }
        return objects.size();
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            throw new ObjectStoreException("cannot close the S3 client for " + config.endpoint(),
                    config.bucketRoot(), e);
        }
    }

    private StatObjectResponse stat(S3Uri uri) {
        requireObjectKey(uri);
        try {
            return client.statObject(StatObjectArgs.builder().bucket(uri.bucket()).object(uri.key()).build());
        } catch (MinioException e) {
            throw failure("stat", uri, e);
        }
    }

    private static ObjectStoreException failure(String operation, S3Uri uri, MinioException e) {
        if (e instanceof ErrorResponseException response) {
            String code = response.errorResponse().code();
            if (NOT_FOUND_CODES.contains(code)) {
                return new ObjectNotFoundException(uri, e);
            }
            return new ObjectStoreException("cannot " + operation + " " + uri + ": " + code + " "
                    + response.errorResponse().message(), uri, e);
        }
        return new ObjectStoreException("cannot " + operation + " " + uri + ": " + e.getMessage(), uri, e);
    }

    private static void requireObjectKey(S3Uri uri) {
        if (uri.key().isEmpty() || uri.key().endsWith("/")) {
            throw new IllegalArgumentException(uri + " addresses a folder, not an object");
        }
    }

    private static String stripQuotes(String etag) {
        return etag == null ? "" : etag.replace("\"", "");
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove partial download " + path, e);
        }
    }
}
