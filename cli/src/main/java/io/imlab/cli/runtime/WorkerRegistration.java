package io.imlab.cli.runtime;

import io.imlab.activities.ArtifactServices;
import io.imlab.activities.bench.BenchActivitiesImpl;
import io.imlab.activities.evaluation.EvaluationActivitiesImpl;
import io.imlab.activities.launch.Launcher;
import io.imlab.activities.mixture.MixtureActivitiesImpl;
import io.imlab.activities.report.ReportActivitiesImpl;
import io.imlab.activities.store.S3Config;
import io.imlab.activities.training.TrainingActivitiesImpl;
import io.imlab.activities.training.TrainingActivitiesImpl.TrainerCommand;
import io.imlab.activities.training.TrainingActivitiesImpl.TrainingProgressSink;
import io.imlab.cli.Main;
import io.imlab.cookbook.tokenize.ByteTokenizer;
import io.imlab.trainer.CheckpointException;
import io.imlab.trainer.DjlScorer;
import io.imlab.workflows.AblationGridWorkflowImpl;
import io.imlab.workflows.ExperimentWorkflowImpl;
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
        worker.registerWorkflowImplementationTypes(ExperimentWorkflowImpl.class, AblationGridWorkflowImpl.class);
        worker.registerActivitiesImplementations(
                new BenchActivitiesImpl(artifacts),
                new MixtureActivitiesImpl(artifacts),
                new TrainingActivitiesImpl(launcher, s3, jobsRoot, LOCAL_TRAINER, progress),
                new EvaluationActivitiesImpl(artifacts, WorkerRegistration::openScorer),
                new ReportActivitiesImpl(artifacts));
    }

    private static DjlScorer openScorer(Path checkpoint, boolean untrained) {
        try {
            return untrained ? DjlScorer.untrained(checkpoint, new ByteTokenizer()) : DjlScorer.load(checkpoint, new ByteTokenizer());
        } catch (CheckpointException e) {
            throw new IllegalStateException("cannot load checkpoint " + checkpoint + " for evaluation: " + e.getMessage(), e);
        }
    }
}
