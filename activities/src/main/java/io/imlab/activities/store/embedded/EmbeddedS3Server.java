package io.imlab.activities.store.embedded;

import io.imlab.activities.store.S3Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3 server in this JVM: S3Proxy over a local folder ({@code filesystem-nio2} blobstore), listening on a
 * free port of the loopback interface only. Used by the embedded runtime and by integration tests, so both
 * exercise the same S3 protocol path as a real MinIO.
 *
 * <p>It lives in main code (with s3proxy as an optional dependency of this module) rather than in a test
 * fixture so the CLI's embedded runtime and the activities' tests share one implementation.
 */
public final class EmbeddedS3Server implements AutoCloseable {

    /**
     * Signing region clients must use: S3Proxy answers with the blobstore's location id, and the MinIO
     * client signs with the region it is given.
     */
    public static final String REGION = "filesystem-nio2";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3Server.class);

    private final BlobStoreContext context;
    private final S3Proxy proxy;
    private final Path root;
    private final String accessKey;
    private final String secretKey;
    private final String endpoint;

    private EmbeddedS3Server(BlobStoreContext context, S3Proxy proxy, Path root, String accessKey, String secretKey,
            String endpoint) {
        this.context = context;
        this.proxy = proxy;
        this.root = root;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.endpoint = endpoint;
    }

    /**
     * Starts a server over {@code root} with freshly generated credentials (nothing outside this process
     * needs to know them; child processes get them through {@link #s3Config(String)}).
     */
    public static EmbeddedS3Server start(Path root) {
        SecureRandom random = new SecureRandom();
        return start(root, "imlab-" + randomHex(random, 8), randomHex(random, 24));
    }

    /**
     * Starts a server over {@code root} (created if missing) with the given credentials.
     *
     * @throws IllegalStateException when the server cannot start
     */
    public static EmbeddedS3Server start(Path root, String accessKey, String secretKey) {
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Path absoluteRoot = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absoluteRoot);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the S3 data folder " + absoluteRoot, e);
        }
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", absoluteRoot.toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem-nio2")
                .credentials("identity", "credential")
                .overrides(properties)
                .build(BlobStoreContext.class);
        String host = InetAddress.getLoopbackAddress().getHostAddress();
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://" + host + ":0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                // MinIO 9 sends checksum headers S3Proxy does not know; without this it answers 501.
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            context.close();
            throw new IllegalStateException("cannot start the embedded S3 server over " + absoluteRoot, e);
        }
        if (!"STARTED".equals(proxy.getState())) {
            stopQuietly(proxy, context);
            throw new IllegalStateException("embedded S3 server did not start, state " + proxy.getState());
        }
        String endpoint = "http://" + host + ":" + proxy.getPort();
        LOG.info("embedded S3 server on {} storing in {}", endpoint, absoluteRoot);
        return new EmbeddedS3Server(context, proxy, absoluteRoot, accessKey, secretKey, endpoint);
    }

    /** Base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String endpoint() {
        return endpoint;
    }

    /** The folder objects are stored in ({@code <root>/<bucket>/<key>}). */
    public Path root() {
        return root;
    }

    /** Client configuration for {@code bucket} on this server (the bucket is not created here). */
    public S3Config s3Config(String bucket) {
        return new S3Config(endpoint, accessKey, secretKey, REGION, bucket);
    }

    /** Stops the server and releases the blobstore. */
    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the embedded S3 server on " + endpoint, e);
        } finally {
            context.close();
        }
    }

    private static void stopQuietly(S3Proxy proxy, BlobStoreContext context) {
        try {
            proxy.stop();
        } catch (Exception e) {
            LOG.warn("embedded S3 server did not stop cleanly after a failed start: {}", e.toString());
        } finally {
            context.close();
        }
    }

    private static String randomHex(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
