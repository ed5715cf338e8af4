package io.imlab.activities.launch.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one container's log and hands each line on once, in order. A follow stream can end before the container
 * does (API server timeouts, kubelet restarts), so the follower reconnects and skips the lines it has already
 * handed on; it is done after a read that started once the container had terminated has reached the end.
 */
final class PodLogFollower {

    private static final Logger LOG = LoggerFactory.getLogger(PodLogFollower.class);

    private final KubernetesClient client;
    private final String namespace;
    private final String pod;
    private final String container;
    private final BiConsumer<String, String> sink;
    private final ScheduledExecutorService scheduler;
    private final Executor readers;
    private final Duration reconnectDelay;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private long delivered;
    private volatile boolean terminated;
    private volatile boolean stopped;
    private volatile LogWatch current;

    /**
     * @param sink receives (pod name, line) on a reader thread
     */
    PodLogFollower(KubernetesClient client, String namespace, String pod, String container,
            BiConsumer<String, String> sink, ScheduledExecutorService scheduler, Executor readers,
            Duration reconnectDelay) {
        this.client = client;
        this.namespace = namespace;
        this.pod = pod;
        this.container = container;
        this.sink = sink;
        this.scheduler = scheduler;
        this.readers = readers;
        this.reconnectDelay = reconnectDelay;
    }

    void start() {
        readers.execute(this::readOnce);
    }

    /** The container has terminated: the next read that reaches the end of the log is the last. */
    void markTerminated() {
        terminated = true;
    }

    /** Whether the container was seen terminated. */
    boolean terminated() {
        return terminated;
    }

    /** Stops following (the log is no longer wanted, or the pod is gone). */
    void stop() {
        stopped = true;
        LogWatch watch = current;
        if (watch != null) {
            watch.close();
        }
        done.complete(null);
    }

    /** Completes once the whole log was handed on, or the follower was stopped. */
    CompletableFuture<Void> done() {
        return done;
    }

    private void readOnce() {
        if (stopped) {
            return;
        }
        boolean lastRead = terminated;
        long index = 0;
        try (LogWatch watch = client.pods().inNamespace(namespace).withName(pod).inContainer(container).watchLog()) {
            current = watch;
            BufferedReader reader = new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8));
            String line;
            while (!stopped && (line = reader.readLine()) != null) {
                if (index++ >= delivered) {
                    delivered++;
                    sink.accept(pod, line);
                }
            }
        } catch (IOException | KubernetesClientException e) {
            // The stream broke or the log is not there yet: read again below (stop() ends this for a lost pod).
            LOG.debug("log of pod {} interrupted after {} lines: {}", pod, delivered, e.toString());
            lastRead = false;
        } finally {
            current = null;
        }
        if (lastRead || stopped) {
            done.complete(null);
            return;
        }
        scheduler.schedule(() -> readers.execute(this::readOnce), reconnectDelay.toMillis(), TimeUnit.MILLISECONDS);
    }
}
