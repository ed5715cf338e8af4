package io.imlab.activities.training;

import io.imlab.activities.ActivityFailures;
import io.imlab.activities.launch.ClusterJobShape;
import io.imlab.activities.launch.JobHandle;
import io.imlab.activities.launch.JobOutcome;
import io.imlab.activities.launch.JobStatus;
import io.imlab.activities.launch.Launcher;
import io.imlab.activities.launch.ProgressEvent;
import io.imlab.activities.launch.TrainingJobSpec;
import io.imlab.activities.launch.k8s.KubernetesNames;
import io.imlab.activities.store.S3Config;
import io.imlab.activities.store.S3Uri;
import io.imlab.trainer.Checkpoints;
import io.imlab.workflows.TrainingActivities;
import io.imlab.workflows.payload.TrainInput;
import io.imlab.workflows.payload.TrainProgress;
import io.imlab.workflows.payload.TrainResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs training through a {@link Launcher} under the pod contract and follows it to the end: progress lines
 * become activity heartbeats (so a dead trainer is noticed within the heartbeat timeout), exit code 2 fails
 * at once as a configuration error, any other failure is retried and the next attempt resumes from the newest
 * complete checkpoint. Cancelling the activity stops the job.
 */
public final class TrainingActivitiesImpl implements TrainingActivities {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingActivitiesImpl.class);
    /** Heartbeat at least this often, also while the trainer starts up and prints nothing. */
    private static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(5);

    private final Launcher launcher;
    private final S3Config s3;
    private final Path workRoot;
    private final TrainerCommand command;
    private final TrainingProgressSink sink;
    private final ClusterJobShape clusterShape;

    /**
     * @param launcher runs the trainer (a child process embedded, pods in a cluster)
     * @param s3       object store settings handed to the trainer
     * @param workRoot where local jobs get their working folders
     * @param command  the trainer's entry point
     * @param sink     receives every progress event (live display, metrics); may be {@link TrainingProgressSink#NONE}
     */
    public TrainingActivitiesImpl(Launcher launcher, S3Config s3, Path workRoot, TrainerCommand command,
                                  TrainingProgressSink sink) {
        this(launcher, s3, workRoot, command, sink, null);
    }

    /**
     * @param clusterShape image, nodes, GPUs and pod options of training jobs for a cluster launcher
     *                     ({@link io.imlab.activities.launch.LauncherSettings}); {@code null} for local jobs
     */
    public TrainingActivitiesImpl(Launcher launcher, S3Config s3, Path workRoot, TrainerCommand command,
                                  TrainingProgressSink sink, ClusterJobShape clusterShape) {
        this.launcher = launcher;
        this.s3 = s3;
        this.workRoot = workRoot;
        this.command = command;
        this.sink = sink;
        this.clusterShape = clusterShape;
    }

    @Override
    public TrainResult train(TrainInput input) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        int attempt = context.getInfo().getAttempt();
        Map<String, String> env = new HashMap<>(s3.toEnvironment());
        env.put(TrainerEnvironment.MIXTURE_URI, input.mixture().uri());
        env.put(TrainerEnvironment.CHECKPOINT_URI, input.checkpointPrefixUri());
        env.put(TrainerEnvironment.RESUME_FROM, TrainerEnvironment.RESUME_LATEST);
        env.put(TrainerEnvironment.CONFIG_JSON, new TrainerConfig(input.model(), input.training()).toJson());
        env.put(TrainerEnvironment.RUN_ID, input.runId());
        Path workDir = workRoot.resolve(S3Uri.sanitizeSegment(input.runId()));
        env.put(TrainerEnvironment.WORK_DIR, workDir.resolve("scratch").toString());
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the training folder " + workDir, e);
        }
        TrainingJobSpec spec = TrainingJobSpec.local(jobName(input.runId()), command.mainClass(), command.args(),
                env, workDir);
        if (clusterShape != null) {
            spec = spec.onCluster(clusterShape);
        }

        AtomicReference<TrainProgress> latest = new AtomicReference<>(new TrainProgress(0, Double.NaN, 0, null));
        JobHandle handle = launcher.launch(spec, event -> {
            latest.updateAndGet(previous -> update(previous, event));
            sink.onProgress(input.runId(), event);
        });
        LOG.info("[{}] training started (attempt {}), job {}", input.runId(), attempt, handle.jobName());
        JobOutcome outcome;
        try {
            outcome = follow(context, handle, latest);
        } catch (ActivityCompletionException e) {
            LOG.info("[{}] training activity cancelled or timed out; stopping job {}", input.runId(), handle.jobName());
            handle.cancel();
            throw e;
        } catch (InterruptedException e) {
            handle.cancel();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training " + input.runId(), e);
        }
        TrainProgress last = latest.get();
        if (outcome.status() == JobStatus.CONFIGURATION_ERROR) {
            throw ActivityFailures.configurationError("training configuration error: " + outcome.describe(), null);
        }
        if (!outcome.succeeded()) {
            throw ApplicationFailure.newFailure("training failed (will resume from the last checkpoint): "
                    + outcome.describe(), "TrainerFailed");
        }
        if (last.lastCheckpointUri() == null) {
            throw ApplicationFailure.newFailure("the trainer exited 0 but published no checkpoint", "TrainerFailed");
        }
        String stateUri = S3Uri.parse(last.lastCheckpointUri()).resolve(Checkpoints.STATE).toString();
        return new TrainResult(last.lastCheckpointUri(), last.step(), last.loss(), last.tokens(), stateUri);
    }

    private static JobOutcome follow(ActivityExecutionContext context, JobHandle handle,
                                     AtomicReference<TrainProgress> latest) throws InterruptedException {
        while (true) {
            Optional<JobOutcome> outcome = handle.waitFor(HEARTBEAT_EVERY);
            context.heartbeat(latest.get());
            if (outcome.isPresent()) {
                return outcome.get();
            }
        }
    }

    private static TrainProgress update(TrainProgress previous, ProgressEvent event) {
        String kind = event.text("event").orElse("step");
        return switch (kind) {
            case "checkpoint", "resumed" -> new TrainProgress(
                    (int) event.longValue("step").orElse(previous.step()), previous.loss(), previous.tokens(),
                    event.text("uri").orElse(previous.lastCheckpointUri()));
            case "summary" -> new TrainProgress((int) event.longValue("step").orElse(previous.step()),
                    event.doubleValue("final_loss").orElse(previous.loss()),
                    event.longValue("tokens").orElse(previous.tokens()), previous.lastCheckpointUri());
            default -> new TrainProgress((int) event.longValue("step").orElse(previous.step()),
                    event.doubleValue("loss").orElse(previous.loss()),
                    event.longValue("tokens").orElse(previous.tokens()), previous.lastCheckpointUri());
        };
    }

    /**
     * One name per run, the same for every attempt: a cluster launcher finds a retried attempt's job by it and
     * adopts it while it runs instead of starting a second trainer. At most 50 characters, so that the pod host
     * names of a multi-node job ({@code <job>-<index>}, {@code <job>-node-0-<index>}) stay DNS labels.
     */
    static String jobName(String runId) {
        return KubernetesNames.dns1123Label(S3Uri.sanitizeSegment(runId) + "-train", 50);
    }

    /**
     * The trainer's entry point: a main class and its arguments, e.g. {@code io.imlab.cli.Main train}.
     *
     * @param mainClass fully qualified main class
     * @param args      arguments
     */
    public record TrainerCommand(String mainClass, List<String> args) {
        public TrainerCommand {
            args = List.copyOf(args);
        }
    }

    /** Receives the trainer's progress events as they arrive. */
    @FunctionalInterface
    public interface TrainingProgressSink {
        TrainingProgressSink NONE = (runId, event) -> { };

        void onProgress(String runId, ProgressEvent event);
    }
}
