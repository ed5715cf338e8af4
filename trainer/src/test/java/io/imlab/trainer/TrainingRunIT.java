package io.imlab.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.imlab.cookbook.spec.ModelSpec;
import io.imlab.cookbook.spec.TrainingSpec;
import io.imlab.trainer.model.TransformerLm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TrainingRunIT {
    private static final ModelSpec TINY = new ModelSpec("tiny", 0, 0, 0, 0.1);

    @TempDir
    static Path shared;
    static Path reversalData;

    @TempDir
    Path work;

    @BeforeAll
    static void packData() {
        reversalData = ToyTasks.pack(shared.resolve("reversal"), ToyTasks.reversal(2000, 7), 64);
    }

    private TrainingJob job(String name, int steps, int checkpointEvery, long seed) {
        return new TrainingJob(reversalData, work.resolve(name), TINY,
                new TrainingSpec(seed, steps, 16, 3e-3, Math.min(10, steps / 2), 1.0, checkpointEvery));
    }

    @Test
    void labelLossFallsAndProgressIsJsonLines() {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        TrainingSummary summary;
        try (TrainingRun run = TrainingRun.start(job("falls", 80, 0, 1))) {
            summary = run.onProgress(new JsonLinesProgress(new PrintStream(lines, true, StandardCharsets.UTF_8), 10))
                    .run();
        }
        List<Double> losses = summary.lossHistory().stream().map(TrainerState.StepLoss::loss).toList();
        double first = losses.subList(0, 5).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = losses.subList(75, 80).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        // Uniform over 260 byte ids is ln 260 ≈ 5.56; learning the reversal takes the label loss far below
        // the ~3.3 of merely guessing a lower-case letter.
        assertThat(first).isGreaterThan(4.5);
        assertThat(last).isLessThan(2.5);
        assertThat(summary.finished()).isTrue();
        assertThat(summary.lastCheckpoint()).hasValueSatisfying(c -> assertThat(c.step()).isEqualTo(80));

        String[] printed = lines.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(printed[0]).startsWith("{\"step\":1,\"loss\":").contains("\"lr\":", "\"tokens\":1024,", "\"tokens_per_s\":");
        assertThat(printed).hasSize(1 + 8 + 1);
        assertThat(printed[printed.length - 1]).startsWith("{\"event\":\"summary\",\"step\":80,");
    }

    @Test
    void resumingFromACheckpointReproducesTheUninterruptedRun() throws Exception {
        List<Checkpoint> announced = new ArrayList<>();
        TrainingSummary straight;
        try (TrainingRun run = TrainingRun.start(job("straight", 10, 4, 3))) {
            straight = run.onCheckpoint(announced::add).run();
        }
        assertThat(announced).extracting(Checkpoint::step).containsExactly(4, 8, 10);
        assertThat(announced).allSatisfy(c -> assertThat(c.directory().resolve(Checkpoints.COMPLETE)).exists());

        try (TrainingRun interrupted = TrainingRun.start(job("split", 10, 4, 3))) {
            TrainingSummary partial = interrupted.runUntil(6);
            assertThat(partial.step()).isEqualTo(6);
            assertThat(partial.lastCheckpoint()).hasValueSatisfying(c -> assertThat(c.step()).isEqualTo(4));
        }
        Path newest = Checkpoints.newestComplete(work.resolve("split")).orElseThrow().directory();
        assertThat(newest.getFileName()).hasToString("step-4");
        TrainingSummary resumed;
        try (TrainingRun run = TrainingRun.resume(job("split", 10, 4, 3), newest)) {
            assertThat(run.step()).isEqualTo(4);
            resumed = run.run();
        }

        assertThat(resumed.lossHistory()).hasSameSizeAs(straight.lossHistory());
        for (int i = 0; i < straight.lossHistory().size(); i++) {
            assertThat(resumed.lossHistory().get(i).loss())
                    .as("loss of step %d", i + 1)
                    .isCloseTo(straight.lossHistory().get(i).loss(), within(1e-5));
            assertThat(resumed.lossHistory().get(i).learningRate())
                    .isEqualTo(straight.lossHistory().get(i).learningRate());
        }
        assertThat(maxParameterDifference(work.resolve("straight/step-10"), work.resolve("split/step-10")))
                .isLessThan(1e-5);
        TrainerState state = Checkpoints.verify(work.resolve("split/step-10"));
        assertThat(state.dataCursor()).isEqualTo(160);
        assertThat(state.adamUpdates()).isEqualTo(10);
        assertThat(state.tokens()).isEqualTo(10L * 16 * 64);
    }

    @Test
    void partialAndCorruptCheckpointsAreDetectedAndSkipped() throws Exception {
        try (TrainingRun run = TrainingRun.start(job("damaged", 6, 2, 5))) {
            run.run();
        }
        Path root = work.resolve("damaged");
        // A crash while writing step-6 leaves it without its marker.
        Files.delete(root.resolve("step-6").resolve(Checkpoints.COMPLETE));
        assertThatThrownBy(() -> Checkpoints.verify(root.resolve("step-6")))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("partial checkpoint");
        // Bit rot in step-4's parameters.
        Path parameters = root.resolve("step-4").resolve(Checkpoints.PARAMETERS);
        byte[] bytes = Files.readAllBytes(parameters);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(parameters, bytes);
        assertThatThrownBy(() -> TrainingRun.resume(job("damaged", 6, 2, 5), root.resolve("step-4")))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("parameters.djl is corrupt");
        assertThat(Checkpoints.newestComplete(root)).hasValueSatisfying(c -> assertThat(c.step()).isEqualTo(2));
        try (TrainingRun retried = TrainingRun.startOrResume(job("damaged", 6, 2, 5))) {
            assertThat(retried.step()).isEqualTo(2);
        }
        // A truncated file is caught the same way, leaving nothing to resume from.
        Files.write(root.resolve("step-2").resolve(Checkpoints.OPTIMIZER), new byte[] {1, 2, 3});
        assertThat(Checkpoints.newestComplete(root)).isEmpty();
        try (TrainingRun retried = TrainingRun.startOrResume(job("damaged", 6, 2, 5))) {
            assertThat(retried.step()).isZero();
        }
        assertThat(Checkpoints.newestComplete(work.resolve("missing"))).isEmpty();
    }

    @Test
    void aCheckpointOfAnotherRunIsRefused() {
        try (TrainingRun run = TrainingRun.start(job("seed9", 2, 0, 9))) {
            run.run();
        }
        assertThatThrownBy(() -> TrainingRun.resume(job("seed9", 2, 0, 10), work.resolve("seed9/step-2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("belongs to a different run").hasMessageContaining("training");
    }

    @Test
    void invalidSpecsAreReportedWithFieldPaths() {
        TrainingJob bad = new TrainingJob(reversalData, work.resolve("bad"), new ModelSpec("tiny", 0, 130, 4, 0.1),
                new TrainingSpec(1, 0, 16, 1e-3, 0, 1.0, 0));
        assertThatThrownBy(() -> TrainingRun.start(bad))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("training.steps");
        TrainingJob badModel = new TrainingJob(reversalData, work.resolve("bad"), new ModelSpec("tiny", 0, 130, 4, 0.1),
                new TrainingSpec(1, 5, 16, 1e-3, 0, 1.0, 0));
        assertThatThrownBy(() -> TrainingRun.start(badModel))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model.heads: 4 does not divide");
    }

    private static double maxParameterDifference(Path a, Path b) throws CheckpointException {
        ModelConfig config = Checkpoints.verify(a).model();
        try (NDManager manager = TorchEngine.get().newBaseManager()) {
            TransformerLm first = new TransformerLm(config);
            TransformerLm second = new TransformerLm(config);
            Checkpoints.loadParameters(a, first, manager, false);
            Checkpoints.loadParameters(b, second, manager, false);
            double max = 0;
            for (var entry : first.getParameters()) {
                NDArray x = entry.getValue().getArray();
                NDArray y = second.getParameters().get(entry.getKey()).getArray();
                max = Math.max(max, x.sub(y).abs().max().getFloat());
            }
            return max;
        }
    }
}
