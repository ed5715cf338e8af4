package io.imlab.cli.runtime;

import io.imlab.activities.ArtifactServices;
import io.imlab.activities.bench.BenchActivitiesImpl;
import io.imlab.activities.evaluation.EvaluationActivitiesImpl;
import io.imlab.activities.launch.ClusterJobShape;
import io.imlab.activities.launch.Launcher;
import io.imlab.activities.mixture.MixtureActivitiesImpl;
import io.imlab.activities.report.ReportActivitiesImpl;
import io.imlab.activities.store.S3Config;
import io.imlab.activities.training.TrainingActivitiesImpl;
import io.imlab.activities.training.TrainingActivitiesImpl.TrainerCommand;
import io.imlab.activities.training.TrainingActivitiesImpl.TrainingProgressSink;
import io.imlab.activities.index.RunIndexActivitiesImpl;
import io.imlab.activities.metrics.ImlabMetrics;
import io.imlab.workflows.WorkflowTypes;
import io.imlab.cli.Main;
import io.imlab.cookbook.spec.TokenizerSpec;
import io.imlab.cookbook.tokenize.Tokenizer;
import io.imlab.cookbook.tokenize.Tokenizers;
import io.imlab.trainer.CheckpointException;
import io.imlab.trainer.DjlScorer;
import io.temporal.worker.Worker;

import java.nio.file.Path;
import java.util.List;

/**
 * Registers imlab's workflows and activities on a worker. The embedded runtime and the cluster worker use
 * the same registration; only the launcher and the object store differ.
 */
public final class WorkerRegistration {
    /** The trainer entry point a local child process runs: {@code imlab train}. */
    public static final TrainerCommand LOCAL_TRAINER = new TrainerCommand(Main.class.getName(), List.of("train"));

    private WorkerRegistration() {
    }

    /**
     * @param worker    the worker on {@link io.imlab.workflows.TaskQueues#EXPERIMENTS}
     * @param artifacts object store access with a local cache and scratch space
     * @param s3        object store settings handed to training jobs
     * @param launcher  runs training jobs
     * @param jobsRoot  working folders of local training jobs
     * @param progress  receives training progress events
     */
    public static void register(Worker worker, ArtifactServices artifacts, S3Config s3, Launcher launcher, Path jobsRoot,
                                TrainingProgressSink progress) {
        register(worker, artifacts, s3, launcher, jobsRoot, progress, null);
    }

    /**
     * As {@link #register(Worker, ArtifactServices, S3Config, Launcher, Path, TrainingProgressSink)}, recording the
     * grid and experiment metrics of the catalogue when {@code metrics} is given (activity side, never in
     * workflow code: the run index activity sees every run and grid start and end).
     */
    public static void register(Worker worker, ArtifactServices artifacts, S3Config s3, Launcher launcher, Path jobsRoot,
                                TrainingProgressSink progress, ImlabMetrics metrics) {
        register(worker, artifacts, s3, launcher, null, jobsRoot, progress, metrics);
    }

    /**
     * As above, with the pod shape (image, nodes, GPUs, pod options) of a cluster launcher; {@code null} for
     * the local launcher.
     */
    public static void register(Worker worker, ArtifactServices artifacts, S3Config s3, Launcher launcher,
                                ClusterJobShape clusterShape, Path jobsRoot, TrainingProgressSink progress,
                                ImlabMetrics metrics) {
        worker.registerWorkflowImplementationTypes(WorkflowTypes.implementations());
        WorkflowTypes.orchestrationActivities().forEach(worker::registerActivitiesImplementations);
        worker.registerActivitiesImplementations(
                new RunIndexActivitiesImpl(artifacts.store(), metrics),
                new BenchActivitiesImpl(artifacts),
                new MixtureActivitiesImpl(artifacts),
                new TrainingActivitiesImpl(launcher, s3, jobsRoot, LOCAL_TRAINER, progress, clusterShape),
                new EvaluationActivitiesImpl(artifacts, WorkerRegistration::openScorer),
                new ReportActivitiesImpl(artifacts));
    }

    private static DjlScorer openScorer(Path checkpoint, TokenizerSpec tokenizerSpec, boolean untrained) {
        try {
            Tokenizer tokenizer = Tokenizers.open(tokenizerSpec);
            return untrained ? DjlScorer.untrained(checkpoint, tokenizer) : DjlScorer.load(checkpoint, tokenizer);
        } catch (CheckpointException e) {
            throw new IllegalStateException("cannot load checkpoint " + checkpoint + " for evaluation: " + e.getMessage(), e);
        }
    }
}
