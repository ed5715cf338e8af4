package io.imlab.activities.launch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link JobHandle} of a child process: pumps its output and classifies its exit. */
final class LocalJobHandle implements JobHandle {

    private static final Logger LOG = LoggerFactory.getLogger(LocalJobHandle.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private final String jobName;
    private final Process process;
    private final ProgressListener listener;
    private final Path logFile;
    private final BufferedWriter log;
    private final ArrayDeque<String> tail;
    private final int tailLines;
    private final Duration killGrace;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final JobOutcomeFuture waiting;
    private final CompletableFuture<JobOutcome> outcome = new CompletableFuture<>();

    private LocalJobHandle(String jobName, Process process, ProgressListener listener, Path logFile,
            BufferedWriter log, int tailLines, Duration killGrace) {
        this.jobName = jobName;
        // Before the stream pumps start: they report listener failures to it.
        this.waiting = new JobOutcomeFuture(jobName, outcome);
        this.process = process;
        this.listener = listener;
        this.logFile = logFile;
        this.log = log;
        this.tail = new ArrayDeque<>(tailLines);
        this.tailLines = tailLines;
        this.killGrace = killGrace;
        CompletableFuture<Void> stdout = pump("stdout", process.getInputStream(), true);
        CompletableFuture<Void> stderr = pump("stderr", process.getErrorStream(), false);
        // The outcome is ready only once both streams are drained, so the tail holds the last lines printed.
        CompletableFuture.allOf(stdout, stderr, process.onExit()).thenApply(ignored -> finish())
                .whenComplete((result, error) -> {
                    if (error == null) {
                        outcome.complete(result);
                    } else {
                        outcome.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error);
                    }
                });
    }

    static LocalJobHandle start(String jobName, Process process, ProgressListener listener, Path logFile,
            int tailLines, Duration killGrace) throws IOException {
        process.getOutputStream().close();
        // Append: a retried job reuses its working directory, and the earlier attempts' logs stay readable.
        BufferedWriter log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        return new LocalJobHandle(jobName, process, listener, logFile, log, tailLines, killGrace);
    }

    @Override
    public String jobName() {
        return jobName;
    }

    @Override
    public Optional<JobOutcome> waitFor(Duration timeout) throws InterruptedException {
        return waiting.waitFor(timeout);
    }

    @Override
    public JobOutcome await() throws InterruptedException {
        return waiting.await();
    }

    @Override
    public void cancel() {
        if (!process.isAlive() || !cancelled.compareAndSet(false, true)) {
            return;
        }
        LOG.info("cancelling job {} (pid {})", jobName, process.pid());
        // Collect the descendants before the parent dies: afterwards they are re-parented and out of reach.
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        CompletableFuture.delayedExecutor(killGrace.toMillis(), TimeUnit.MILLISECONDS).execute(() -> tree.stream()
                .filter(ProcessHandle::isAlive)
                .forEach(handle -> {
                    LOG.warn("job {}: pid {} ignored SIGTERM for {}, killing it", jobName, handle.pid(), killGrace);
                    handle.destroyForcibly();
                }));
    }

    @Override
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    private JobOutcome finish() {
        int exitCode = process.exitValue();
        JobStatus status = cancelled.get() ? JobStatus.CANCELLED : JobStatus.fromExitCode(exitCode);
        List<String> lines;
        synchronized (tail) {
            lines = List.copyOf(tail);
        }
        try {
            synchronized (log) {
                log.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close log " + logFile + " of job " + jobName, e);
        }
        JobOutcome result = new JobOutcome(jobName, status, exitCode, lines, logFile);
        LOG.info("job {} ended: {} (exit code {})", jobName, status, exitCode);
        return result;
    }

    private CompletableFuture<Void> pump(String streamName, InputStream stream, boolean progress) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (!progress || !deliverProgress(line)) {
                        record(line);
                    }
                }
                done.complete(null);
            } catch (IOException | RuntimeException e) {
                done.completeExceptionally(new IOException("cannot read " + streamName + " of job " + jobName, e));
            }
        }, "job-" + jobName + "-" + streamName);
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    /** Parses a JSON object line and hands it on; returns false when the line is not one. */
    private boolean deliverProgress(String line) {
        String trimmed = line.strip();
        if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
            return false;
        }
        Map<String, Object> fields;
        try {
            fields = JSON.readValue(trimmed, OBJECT);
        } catch (JsonProcessingException e) {
            return false;
        }
        if (waiting.listenerHasFailed()) {
            return true;
        }
        try {
            listener.onProgress(new ProgressEvent(trimmed, fields));
        } catch (RuntimeException e) {
            // Keep draining the pipe (a blocked child would never exit), but stop the job: whoever listens
            // no longer wants it, e.g. the activity was cancelled.
            if (waiting.listenerFailed(e)) {
                LOG.info("job {}: progress listener failed ({}), stopping the job", jobName, e.toString());
                cancel();
            }
        }
        return true;
    }

    private void record(String line) throws IOException {
        synchronized (log) {
            log.write(line);
            log.newLine();
            log.flush();
        }
        synchronized (tail) {
            if (tail.size() == tailLines) {
                tail.removeFirst();
            }
            tail.addLast(line);
        }
    }
}
