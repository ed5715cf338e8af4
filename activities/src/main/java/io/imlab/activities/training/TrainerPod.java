package io.imlab.activities.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imlab.activities.ArtifactServices;
import io.imlab.activities.store.ArtifactNotPublishedException;
import io.imlab.activities.store.S3Config;
import io.imlab.activities.store.S3ObjectStore;
import io.imlab.activities.store.S3Uri;
import io.imlab.trainer.Checkpoint;
import io.imlab.trainer.CheckpointException;
import io.imlab.trainer.JsonLinesProgress;
import io.imlab.trainer.TrainingJob;
import io.imlab.trainer.TrainingRun;
import io.imlab.trainer.TrainingSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The trainer side of the pod contract, behind {@code imlab train}: reads the {@code IMLAB_*} environment,
 * fetches the mixture, resumes from the newest complete checkpoint in the object store (falling back past a
 * corrupt one), trains, publishes every checkpoint with its manifest last, and prints one JSON object per line.
 *
 * <p>Exit codes: 0 done; {@value TrainerEnvironment#EXIT_CONFIGURATION_ERROR} configuration error (never
 * retried); {@value TrainerEnvironment#EXIT_PARENT_GONE} the launching worker died
 * ({@link TrainerEnvironment#PARENT_PID}); 1 any other fault (both retryable: the next attempt resumes from the
 * last checkpoint).
 */
public final class TrainerPod {
    private static final Logger LOG = LoggerFactory.getLogger(TrainerPod.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PROGRESS_EVERY = 5;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final Runnable onParentGone;

    /**
     * A pod that, when {@link TrainerEnvironment#PARENT_PID} is set and that process dies, halts this JVM with
     * {@link TrainerEnvironment#EXIT_PARENT_GONE}.
     */
    public TrainerPod(Map<String, String> env, PrintStream out, PrintStream err) {
        this(env, out, err, () -> {
            err.println("imlab train: the launching process is gone, stopping (exit "
                    + TrainerEnvironment.EXIT_PARENT_GONE + ", retryable)");
            err.flush();
            out.flush();
            // halt, not exit: the main thread may sit in native training code, and nothing here needs shutdown hooks;
            // a checkpoint cut short has no manifest and is skipped on resume.
            Runtime.getRuntime().halt(TrainerEnvironment.EXIT_PARENT_GONE);
        });
    }

    /**
     * @param onParentGone what to do once the process named by {@link TrainerEnvironment#PARENT_PID} is gone
     */
    public TrainerPod(Map<String, String> env, PrintStream out, PrintStream err, Runnable onParentGone) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.onParentGone = onParentGone;
    }

    /** Runs the job; returns the process exit code. */
    public int run() {
        Optional<ParentProcessWatch> watch;
        try {
            watch = ParentProcessWatch.start(env, ParentProcessWatch.DEFAULT_EVERY, onParentGone);
        } catch (IllegalArgumentException e) {
            err.println("imlab train: configuration error: " + e.getMessage());
            return TrainerEnvironment.EXIT_CONFIGURATION_ERROR;
        }
        try {
            return train();
        } finally {
            watch.ifPresent(ParentProcessWatch::close);
        }
    }

    private int train() {
        Settings settings;
        try {
            settings = Settings.from(env);
        } catch (IllegalArgumentException e) {
            err.println("imlab train: configuration error: " + e.getMessage());
            return TrainerEnvironment.EXIT_CONFIGURATION_ERROR;
        }
        try (S3ObjectStore store = new S3ObjectStore(settings.s3())) {
            ArtifactServices artifacts = ArtifactServices.over(store, settings.workDir());
            Path data;
            try {
                data = artifacts.fetcher().fetch(settings.mixture());
            } catch (ArtifactNotPublishedException e) {
                err.println("imlab train: configuration error: " + TrainerEnvironment.MIXTURE_URI + ": " + e.getMessage());
                return TrainerEnvironment.EXIT_CONFIGURATION_ERROR;
            }
            CheckpointStore checkpoints = new CheckpointStore(artifacts, settings.checkpoints());
            Path localCheckpoints = settings.workDir().resolve("checkpoints");
            Files.createDirectories(localCheckpoints);
            TrainingJob job = new TrainingJob(data, localCheckpoints, settings.config().model(), settings.config().training());
            Optional<Checkpoint> resume = settings.resume() ? checkpoints.fetchNewestValid(localCheckpoints) : Optional.empty();
            TrainingRun run;
            try {
                run = resume.isPresent() ? TrainingRun.resume(job, resume.get().directory()) : TrainingRun.start(job);
            } catch (IllegalArgumentException e) {
                err.println("imlab train: configuration error: " + e.getMessage());
                return TrainerEnvironment.EXIT_CONFIGURATION_ERROR;
            }
            try (run) {
                resume.ifPresent(c -> event("resumed", c.step(), checkpoints.uriOf(c.step()).toString()));
                run.onProgress(new JsonLinesProgress(out, PROGRESS_EVERY));
                run.onCheckpoint(checkpoint -> {
                    // The worker turns these fields into the checkpoint size and upload metrics (MetricCatalogue).
                    long started = System.nanoTime();
                    S3Uri uri;
                    try {
                        uri = checkpoints.publish(checkpoint, settings.runId());
                    } catch (RuntimeException e) {
                        event("checkpoint_failed", checkpoint.step(), null, Map.of("seconds", secondsSince(started)));
                        throw e;
                    }
                    event("checkpoint", checkpoint.step(), uri.toString(),
                            Map.of("bytes", sizeOf(checkpoint.directory()), "seconds", secondsSince(started)));
                });
                TrainingSummary summary = run.run();
                out.flush();
                return summary.finished() ? 0 : 1;
            }
        } catch (CheckpointException | IOException | RuntimeException e) {
            LOG.error("[{}] training failed (retryable: the next attempt resumes from the last checkpoint)",
                    env.getOrDefault(TrainerEnvironment.RUN_ID, "unnamed"), e);
            return 1;
        }
    }

    private void event(String name, int step, String uri) {
        event(name, step, uri, Map.of());
    }

    private static double secondsSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static long sizeOf(Path directory) {
        try (var files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void event(String name, int step, String uri, Map<String, Object> extra) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", name);
        line.put("step", step);
        if (uri != null) {
            line.put("uri", uri);
        }
        line.putAll(extra);
        try {
            out.println(JSON.writeValueAsString(line));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    private record Settings(S3Config s3, S3Uri mixture, S3Uri checkpoints, TrainerConfig config, boolean resume,
                            Path workDir, String runId) {
        static Settings from(Map<String, String> env) {
            S3Config s3 = S3Config.fromEnvironment(env);
            S3Uri mixture = uri(env, TrainerEnvironment.MIXTURE_URI);
            S3Uri checkpoints = uri(env, TrainerEnvironment.CHECKPOINT_URI);
            TrainerConfig config = TrainerConfig.fromJson(env.get(TrainerEnvironment.CONFIG_JSON));
            String resume = env.getOrDefault(TrainerEnvironment.RESUME_FROM, TrainerEnvironment.RESUME_LATEST);
            if (!resume.equals(TrainerEnvironment.RESUME_LATEST) && !resume.equals(TrainerEnvironment.RESUME_NONE)) {
                throw new IllegalArgumentException(TrainerEnvironment.RESUME_FROM + ": must be '"
                        + TrainerEnvironment.RESUME_LATEST + "' or '" + TrainerEnvironment.RESUME_NONE + "', got '" + resume + "'");
            }
            String work = env.get(TrainerEnvironment.WORK_DIR);
            Path workDir = work == null || work.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "imlab-train")
                    : Path.of(work);
            return new Settings(s3, mixture, checkpoints, config, resume.equals(TrainerEnvironment.RESUME_LATEST),
                    workDir, env.getOrDefault(TrainerEnvironment.RUN_ID, "unnamed"));
        }

        private static S3Uri uri(Map<String, String> env, String name) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + ": must be set");
            }
            try {
                return S3Uri.parse(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
        }
    }
}
