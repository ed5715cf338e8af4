package io.imlab.cli.cluster;

import io.imlab.activities.store.S3Config;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * How a cluster command reaches Temporal and the object store. Every setting comes from, in this order: its
 * flag, its environment variable (the names the Helm chart in {@code charts/imlab} sets), a properties file
 * given with {@code --config} (keys are the environment variable names), or its default.
 */
public final class ClusterOptions {
    static final String TEMPORAL_ADDRESS = "IMLAB_TEMPORAL_ADDRESS";
    static final String TEMPORAL_NAMESPACE = "IMLAB_TEMPORAL_NAMESPACE";
    static final String TLS_CERT = "IMLAB_TEMPORAL_TLS_CERT";
    static final String TLS_KEY = "IMLAB_TEMPORAL_TLS_KEY";
    static final String TLS_CA = "IMLAB_TEMPORAL_TLS_CA";
    static final String TLS_SERVER_NAME = "IMLAB_TEMPORAL_TLS_SERVER_NAME";
    static final String K8S_NAMESPACE = "IMLAB_K8S_NAMESPACE";
    static final String METRICS_PORT = "IMLAB_METRICS_PORT";

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file of settings, keyed by environment variable name (IMLAB_TEMPORAL_ADDRESS=...).")
    Path configFile;

    @Option(names = "--temporal-address", paramLabel = "HOST:PORT", description = "Temporal frontend (env IMLAB_TEMPORAL_ADDRESS, default 127.0.0.1:7233).")
    String temporalAddress;

    @Option(names = "--namespace", paramLabel = "NS", description = "Temporal namespace (env IMLAB_TEMPORAL_NAMESPACE, default 'default').")
    String namespace;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Client certificate for mTLS (env IMLAB_TEMPORAL_TLS_CERT).")
    String tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "Client key for mTLS (env IMLAB_TEMPORAL_TLS_KEY).")
    String tlsKey;

    @Option(names = "--tls-ca", paramLabel = "PEM", description = "CA bundle that signed the server (env IMLAB_TEMPORAL_TLS_CA).")
    String tlsCa;

    @Option(names = "--tls-server-name", paramLabel = "NAME", description = "TLS server name override (env IMLAB_TEMPORAL_TLS_SERVER_NAME).")
    String tlsServerName;

    @Option(names = "--s3-endpoint", paramLabel = "URL", description = "S3 endpoint (env IMLAB_S3_ENDPOINT).")
    String s3Endpoint;

    @Option(names = "--bucket", paramLabel = "NAME", description = "S3 bucket (env IMLAB_S3_BUCKET, default imlab).")
    String bucket;

    @Option(names = "--s3-region", paramLabel = "REGION", description = "S3 region (env IMLAB_S3_REGION).")
    String s3Region;

    @Option(names = "--s3-access-key", paramLabel = "KEY", description = "S3 access key (env IMLAB_S3_ACCESS_KEY).")
    String s3AccessKey;

    @Option(names = "--s3-secret-key", paramLabel = "KEY", description = "S3 secret key (env IMLAB_S3_SECRET_KEY; prefer the environment).")
    String s3SecretKey;

    private Map<String, String> environment = System.getenv();

    /** For tests: resolve against this environment instead of the process's. */
    ClusterOptions withEnvironment(Map<String, String> env) {
        this.environment = env;
        return this;
    }

    /** The setting: flag, else environment variable, else config file, else {@code fallback}. */
    String resolve(String flag, String envName, String fallback) {
        if (flag != null && !flag.isBlank()) {
            return flag;
        }
        String env = environment.get(envName);
        if (env != null && !env.isBlank()) {
            return env;
        }
        String file = fileSettings().getProperty(envName);
        return file != null && !file.isBlank() ? file.trim() : fallback;
    }

    private Properties fileSettings() {
        Properties properties = new Properties();
        if (configFile != null) {
            try (InputStream in = Files.newInputStream(configFile)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read --config " + configFile, e);
            }
        }
        return properties;
    }

    String temporalAddress() {
        return resolve(temporalAddress, TEMPORAL_ADDRESS, "127.0.0.1:7233");
    }

    String namespace() {
        return resolve(namespace, TEMPORAL_NAMESPACE, "default");
    }

    String bucket() {
        return resolve(bucket, S3Config.ENV_BUCKET, "imlab");
    }

    /** The object store settings; the endpoint is required. */
    S3Config s3Config() {
        Map<String, String> env = new HashMap<>();
        env.put(S3Config.ENV_ENDPOINT, resolve(s3Endpoint, S3Config.ENV_ENDPOINT, null));
        env.put(S3Config.ENV_ACCESS_KEY, resolve(s3AccessKey, S3Config.ENV_ACCESS_KEY, null));
        env.put(S3Config.ENV_SECRET_KEY, resolve(s3SecretKey, S3Config.ENV_SECRET_KEY, null));
        env.put(S3Config.ENV_REGION, resolve(s3Region, S3Config.ENV_REGION, S3Config.DEFAULT_REGION));
        env.put(S3Config.ENV_BUCKET, bucket());
        env.values().removeIf(java.util.Objects::isNull);
        if (!env.containsKey(S3Config.ENV_ENDPOINT)) {
            throw new IllegalArgumentException("no object store: give --s3-endpoint or set " + S3Config.ENV_ENDPOINT);
        }
        return S3Config.fromEnvironment(env);
    }

    /** A connection to Temporal, with mTLS when a certificate and key are given (or server TLS with a CA only). */
    WorkflowServiceStubs connect() {
        return connect(null);
    }

    /** As {@link #connect()}, reporting the Temporal SDK's metrics into {@code metricsScope} when given. */
    WorkflowServiceStubs connect(com.uber.m3.tally.Scope metricsScope) {
        WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder().setTarget(temporalAddress());
        if (metricsScope != null) {
            options.setMetricsScope(metricsScope);
        }
        String cert = resolve(tlsCert, TLS_CERT, null);
        String key = resolve(tlsKey, TLS_KEY, null);
        String ca = resolve(tlsCa, TLS_CA, null);
        if (cert != null || key != null || ca != null) {
            try {
                SimpleSslContextBuilder ssl = cert != null && key != null
                        ? SimpleSslContextBuilder.forPKCS8(Files.newInputStream(Path.of(cert)), Files.newInputStream(Path.of(key)))
                        : SimpleSslContextBuilder.noKeyOrCertChain();
                if (ca != null) {
                    ssl.setTrustManager(trustManager(Path.of(ca)));
                }
                options.setSslContext(ssl.build());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the TLS files", e);
            }
            String serverName = resolve(tlsServerName, TLS_SERVER_NAME, null);
            if (serverName != null) {
                options.setChannelInitializer(channel -> channel.overrideAuthority(serverName));
            }
        }
        return WorkflowServiceStubs.newServiceStubs(options.build());
    }

    WorkflowClient client(WorkflowServiceStubs stubs) {
        return WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace()).build());
    }

    private static javax.net.ssl.X509TrustManager trustManager(Path caFile) throws IOException {
        try (InputStream in = Files.newInputStream(caFile)) {
            java.security.KeyStore store = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (java.security.cert.Certificate certificate
                    : java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return (javax.net.ssl.X509TrustManager) factory.getTrustManagers()[0];
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("unreadable CA bundle " + caFile + ": " + e.getMessage(), e);
        }
    }
}
