package io.imlab.trainer;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.imlab.cookbook.pack.PackedDatasetInfo;
import io.imlab.cookbook.pack.PackedDatasetReader;
import io.imlab.cookbook.pack.PackedSequence;
import io.imlab.cookbook.spec.TrainingSpec;
import io.imlab.trainer.model.ModelInputs;
import io.imlab.trainer.model.TransformerLm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Trains a {@link TransformerLm} on a packed dataset with the OPT-IML recipe (§3.1, §3.3): label loss
 * (cross-entropy only on target tokens), Adam β=(0.9, 0.95), linear warmup then linear decay to 0,
 * global-norm gradient clipping and dropout.
 *
 * <p>Runs are reproducible and exactly resumable: the batch of step s and the engine seed that drives
 * its dropout are pure functions of (seed, s) ({@link DataOrder}), and checkpoints hold parameters,
 * Adam's moments and update count. Training k steps, stopping, and resuming from the step-k checkpoint
 * gives the losses of an uninterrupted run.
 *
 * <p>The arithmetic precision comes from {@code IMLAB_PRECISION} ({@link Precision}; only fp32 trains in this
 * build). A checkpoint records it, and resuming at another precision is refused like any other change of run.
 *
 * <p>Not thread-safe; one run per JVM at a time (PyTorch's gradient mode and seed are global).
 */
public final class TrainingRun implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
    private static final String ENGINE_SEEDS = "engine seed before 0-based step s = splitmix64(seed, s); "
            + "initialization seed = splitmix64(seed, -1)";

    private final TrainingJob job;
    private final TrainingSpec spec;
    private final ModelConfig config;
    private final PackedDatasetReader data;
    private final TrainerState.DataDescription dataDescription;
    private final Engine engine;
    private final Device device;
    private final Precision precision;
    private final NDManager manager;
    private final TransformerLm model;
    private final ParameterStore parameterStore;
    private final AdamOptimizer optimizer;
    private final LearningRateSchedule schedule;
    private final DataOrder order;
    private final List<TrainerState.StepLoss> lossHistory = new ArrayList<>();
    private ProgressListener progress = metrics -> { };
    private CheckpointListener checkpointListener = checkpoint -> { };
    private int step;
    private long tokens;
    private Checkpoint lastCheckpoint;

    private TrainingRun(TrainingJob job, Path resumeFrom, String precisionSetting) throws CheckpointException {
        this.job = job;
        this.spec = job.training();
        validate(spec);
        this.data = new PackedDatasetReader(job.data());
        boolean built = false;
        try {
            PackedDatasetInfo info = data.info();
            this.dataDescription = new TrainerState.DataDescription(info.tokenizer(), info.vocabSize(), info.eosId(),
                    info.padId(), info.sequenceLength(), info.sequences());
            this.config = ModelConfig.of(job.model(), info);
            this.schedule = new LearningRateSchedule(spec.learningRate(), spec.warmupSteps(), spec.steps());
            this.order = new DataOrder(spec.seed(), info.sequences(), spec.batchSize());
            this.engine = TorchEngine.get();
            // The engine's default device is the first GPU when DJL finds a usable one, else the CPU.
            this.device = engine.defaultDevice();
            this.precision = Precision.resolve(precisionSetting, device);
            LOG.info("training on {} ({} GPUs visible to {}), {}", device, engine.getGpuCount(), engine.getEngineName(),
                    precision.specName());
            this.manager = engine.newBaseManager(device);
            this.model = new TransformerLm(config);
            if (resumeFrom == null) {
                engine.setRandomSeed(Seeds.initialization(spec.seed()));
                model.initialize(manager);
                this.optimizer = new AdamOptimizer(model.getParameters(), manager);
            } else {
                TrainerState state = Checkpoints.verify(resumeFrom);
                checkCompatible(resumeFrom, state);
                Checkpoints.loadParameters(resumeFrom, model, manager, true);
                this.optimizer = new AdamOptimizer(model.getParameters(), manager);
                NDList moments = Checkpoints.loadOptimizerState(resumeFrom, manager);
                try {
                    optimizer.restore(moments, state.adamUpdates());
                } catch (IllegalArgumentException e) {
                    throw new CheckpointException(resumeFrom, "optimizer state does not fit the model", e);
                } finally {
                    moments.close();
                }
                this.step = state.step();
                this.tokens = state.tokens();
                this.lossHistory.addAll(state.lossHistory());
                this.lastCheckpoint = new Checkpoint(resumeFrom, state.step());
            }
            this.parameterStore = new ParameterStore(manager, false);
            built = true;
        } finally {
            if (!built) {
                close();
            }
        }
    }

    /**
     * A fresh run: weights drawn from the seed, Adam state at zero, step 0.
     *
     * @throws IllegalArgumentException when the specs are invalid for the data (every problem listed), or
     *                                  {@code IMLAB_PRECISION} asks for a precision this device cannot train in
     */
    public static TrainingRun start(TrainingJob job) {
        return start(job, System.getenv(Precision.ENV));
    }

    /** {@link #start(TrainingJob)} at the precision named by {@code precision} instead of {@code IMLAB_PRECISION}. */
    static TrainingRun start(TrainingJob job, String precision) {
        try {
            return new TrainingRun(job, null, precision);
        } catch (CheckpointException e) {
            throw new IllegalStateException("a fresh run reads no checkpoint", e);
        }
    }

    /**
     * Continues a run from a checkpoint folder written by an earlier run of the same job.
     *
     * @throws CheckpointException       when the checkpoint is partial, corrupt or unreadable; fall back
     *                                   to an older one ({@link Checkpoints#newestComplete(Path)})
     * @throws IllegalArgumentException  when the checkpoint belongs to a different model, data, schedule or
     *                                   precision
     */
    public static TrainingRun resume(TrainingJob job, Path checkpoint) throws CheckpointException {
        return resume(job, checkpoint, System.getenv(Precision.ENV));
    }

    /** {@link #resume(TrainingJob, Path)} at the precision named by {@code precision} instead of {@code IMLAB_PRECISION}. */
    static TrainingRun resume(TrainingJob job, Path checkpoint, String precision) throws CheckpointException {
        return new TrainingRun(job, Objects.requireNonNull(checkpoint, "checkpoint"), precision);
    }

    /**
     * Resumes from the newest checkpoint under {@code job.checkpoints()} that loads, falling back past
     * partial or corrupt ones; starts fresh when there is none. This is what a retried training attempt
     * calls.
     *
     * @throws IllegalArgumentException when the specs are invalid or a checkpoint belongs to another run
     */
    public static TrainingRun startOrResume(TrainingJob job) {
        for (Checkpoint candidate : Checkpoints.stepFolders(job.checkpoints())) {
            try {
                return resume(job, candidate.directory());
            } catch (CheckpointException e) {
                LOG.warn("cannot resume from {}, trying an older checkpoint: {}", candidate.directory(), e.getMessage());
            }
        }
        return start(job);
    }

    /** Receives a {@link StepMetrics} after every step. */
    public TrainingRun onProgress(ProgressListener listener) {
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Called after each complete checkpoint (e.g. to upload it). */
    public TrainingRun onCheckpoint(CheckpointListener listener) {
        this.checkpointListener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Where the model trains: the engine's default device (a GPU when DJL finds one). */
    public Device device() {
        return device;
    }

    /** The arithmetic precision, from {@code IMLAB_PRECISION} (only fp32 trains in this build). */
    public Precision precision() {
        return precision;
    }

    public ModelConfig modelConfig() {
        return config;
    }

    public TransformerLm model() {
        return model;
    }

    /** Steps completed so far. */
    public int step() {
        return step;
    }

    /** Trains to the last step of the schedule; the final checkpoint is always written. */
    public TrainingSummary run() {
        return runUntil(spec.steps());
    }

    /**
     * Trains until {@code lastStep} steps are complete (at most the schedule's total), writing a
     * checkpoint every {@code checkpointEvery} steps and at the end of the schedule. Stopping early
     * writes no extra checkpoint, like a killed process would.
     */
    public TrainingSummary runUntil(int lastStep) {
        int until = Math.min(lastStep, spec.steps());
        long started = System.nanoTime();
        long windowStart = started;
        long windowTokens = 0;
        double lastLoss = Double.NaN;
        while (step < until) {
            double learningRate = schedule.at(step);
            StepResult result = trainStep(learningRate);
            step++;
            long stepTokens = (long) spec.batchSize() * config.contextLength();
            tokens += stepTokens;
            windowTokens += stepTokens;
            lastLoss = result.loss();
            lossHistory.add(new TrainerState.StepLoss(step, result.loss(), learningRate));
            long now = System.nanoTime();
            double throughput = windowTokens / Math.max(1e-9, (now - windowStart) / 1e9);
            progress.onStep(new StepMetrics(step, spec.steps(), result.loss(), learningRate, result.gradientNorm(),
                    tokens, throughput));
            windowStart = now;
            windowTokens = 0;
            boolean periodic = spec.checkpointEvery() > 0 && step % spec.checkpointEvery() == 0;
            if (periodic || step == spec.steps()) {
                checkpoint();
            }
        }
        TrainingSummary summary = new TrainingSummary(step, spec.steps(), lastLoss, tokens,
                (System.nanoTime() - started) / 1e9, List.copyOf(lossHistory), Optional.ofNullable(lastCheckpoint));
        progress.onFinish(summary);
        return summary;
    }

    private record StepResult(double loss, double gradientNorm) {
    }

    private StepResult trainStep(double learningRate) {
        int batch = spec.batchSize();
        int length = config.contextLength();
        int[][] tokenRows = new int[batch][];
        int[][] segmentRows = new int[batch][];
        long[] targets = new long[batch * length];
        float[] weights = new float[batch * length];
        int targetCount = 0;
        long[] indices = order.batch(step);
        for (int b = 0; b < batch; b++) {
            PackedSequence sequence = data.get(indices[b]);
            int[] ids = sequence.tokens();
            int[] segments = sequence.segmentIds();
            byte[] mask = sequence.lossMask();
            for (int t = 0; t < length; t++) {
                if (ids[t] >= config.vocabSize()) {
                    throw new IllegalArgumentException("sequence " + indices[b] + " holds token id " + ids[t]
                            + " outside the vocabulary of " + config.vocabSize());
                }
            }
            tokenRows[b] = ids;
            segmentRows[b] = segments;
            // Label loss (OPT-IML §3.1): position t predicts token t+1 only where t+1 is a target of the
            // same example; padding and source tokens are never targets.
            for (int t = 0; t + 1 < length; t++) {
                if (mask[t + 1] != 0 && segments[t + 1] != 0 && segments[t + 1] == segments[t]) {
                    targets[b * length + t] = ids[t + 1];
                    weights[b * length + t] = 1f;
                    targetCount++;
                }
            }
        }
        engine.setRandomSeed(Seeds.step(spec.seed(), step));
        try (NDScope scope = new NDScope(); NDManager stepManager = manager.newSubManager()) {
            scope.suppressNotUsedWarning();
            NDList inputs = ModelInputs.toNDList(stepManager, tokenRows, segmentRows);
            NDArray targetArray = stepManager.create(targets, new Shape(batch, length));
            NDArray weightArray = stepManager.create(weights, new Shape(batch, length));
            double loss;
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray logits = model.forward(parameterStore, inputs, true).singletonOrThrow();
                NDArray logProbabilities = logits.logSoftmax(-1).gather(targetArray.expandDims(-1), -1).squeeze(-1);
                NDArray lossArray = logProbabilities.mul(weightArray).sum().neg().div(Math.max(1, targetCount));
                collector.backward(lossArray);
                loss = lossArray.getFloat();
            }
            double norm = optimizer.step(learningRate, spec.gradientClip());
            return new StepResult(loss, norm);
        }
    }

    private void checkpoint() {
        TrainerState state = new TrainerState(Checkpoints.FORMAT, step, order.cursor(step), spec.seed(), ENGINE_SEEDS,
                optimizer.updates(), tokens, config, spec, precision, dataDescription, List.copyOf(lossHistory));
        lastCheckpoint = Checkpoints.write(job.checkpoints(), model, optimizer, state);
        checkpointListener.onCheckpoint(lastCheckpoint);
    }

    private void checkCompatible(Path dir, TrainerState state) {
        List<String> problems = new ArrayList<>();
        if (!config.equals(state.model())) {
            problems.add("model " + state.model() + " in the checkpoint, " + config + " in the job");
        }
        if (!dataDescription.equals(state.data())) {
            problems.add("data " + state.data() + " in the checkpoint, " + dataDescription + " in the job");
        }
        TrainingSpec saved = state.training();
        if (saved == null || saved.seed() != spec.seed() || saved.steps() != spec.steps()
                || saved.batchSize() != spec.batchSize() || saved.learningRate() != spec.learningRate()
                || saved.warmupSteps() != spec.warmupSteps() || saved.gradientClip() != spec.gradientClip()) {
            problems.add("training " + saved + " in the checkpoint, " + spec + " in the job");
        }
        if (state.precision() != precision) {
            // Runs at different precisions have different losses and weights: resuming across precisions
            // would splice two different runs into one loss curve.
            problems.add("precision " + state.precision().specName() + " in the checkpoint, " + precision.specName()
                    + " in the job (" + Precision.ENV + ")");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(dir + " belongs to a different run: " + String.join("; ", problems));
        }
    }

    /** Checks the optimization settings, reporting every problem with its field path. */
    static void validate(TrainingSpec spec) {
        List<String> problems = new ArrayList<>();
        if (spec.steps() < 1) {
            problems.add("training.steps: must be ≥ 1, was " + spec.steps());
        }
        if (spec.batchSize() < 1) {
            problems.add("training.batchSize: must be ≥ 1, was " + spec.batchSize());
        }
        if (!(spec.learningRate() > 0)) {
            problems.add("training.learningRate: must be > 0, was " + spec.learningRate());
        }
        if (spec.warmupSteps() < 0 || (spec.steps() >= 1 && spec.warmupSteps() >= spec.steps())) {
            problems.add("training.warmupSteps: must be in [0, training.steps), was " + spec.warmupSteps());
        }
        if (!(spec.gradientClip() >= 0)) {
            problems.add("training.gradientClip: must be ≥ 0 (0 disables clipping), was " + spec.gradientClip());
        }
        if (spec.checkpointEvery() < 0) {
            problems.add("training.checkpointEvery: must be ≥ 0 (0 = only at the end), was " + spec.checkpointEvery());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid training configuration: " + String.join("; ", problems));
        }
    }

    @Override
    public void close() {
        if (optimizer != null) {
            optimizer.close();
        }
        if (manager != null) {
            manager.close();
        }
        data.close();
    }
}
