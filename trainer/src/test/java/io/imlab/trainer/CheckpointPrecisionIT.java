package io.imlab.trainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imlab.cookbook.spec.ModelSpec;
import io.imlab.cookbook.spec.TrainingSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The precision a run trains in is part of its identity: recorded in the checkpoint, checked on resume. */
class CheckpointPrecisionIT {
    private static final ModelSpec TINY = new ModelSpec("tiny", 0, 0, 0, 0.1);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Path data;

    @TempDir
    Path work;

    @BeforeAll
    static void packData() {
        data = ToyTasks.pack(shared.resolve("reversal"), ToyTasks.reversal(200, 7), 64);
    }

    private TrainingJob job(String name) {
        return new TrainingJob(data, work.resolve(name), TINY, new TrainingSpec(4, 2, 4, 3e-3, 1, 1.0, 0));
    }

    @Test
    void theCheckpointRecordsThePrecision() throws Exception {
        try (TrainingRun run = TrainingRun.start(job("run"), "fp32")) {
            run.run();
        }
        Path dir = work.resolve("run/step-2");
        assertThat(Checkpoints.verify(dir).precision()).isEqualTo(Precision.FP32);
        assertThat(Files.readString(dir.resolve(Checkpoints.STATE))).contains("\"precision\" : \"fp32\"");
    }

    @Test
    void aCheckpointWithoutAPrecisionIsFp32() throws Exception {
        try (TrainingRun run = TrainingRun.start(job("old"), "fp32")) {
            run.run();
        }
        Path dir = work.resolve("old/step-2");
        // As a trainer from before the field would have written it.
        rewriteState(dir, state -> assertThat(state.remove("precision").asText()).isEqualTo("fp32"));
        assertThat(Checkpoints.verify(dir).precision()).isEqualTo(Precision.FP32);
        try (TrainingRun run = TrainingRun.resume(job("old"), dir, "fp32")) {
            assertThat(run.step()).isEqualTo(2);
        }
    }

    @Test
    void resumingAtAnotherPrecisionIsRefusedNamingBoth() throws Exception {
        try (TrainingRun run = TrainingRun.start(job("other"), "fp32")) {
            run.run();
        }
        Path dir = work.resolve("other/step-2");
        // Only fp32 trains in this build, so the other precision's checkpoint is made by editing the state.
        rewriteState(dir, state -> state.put("precision", "bf16"));
        assertThat(Checkpoints.verify(dir).precision()).isEqualTo(Precision.BF16);
        assertThatThrownBy(() -> TrainingRun.resume(job("other"), dir, "fp32"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("belongs to a different run")
                .hasMessageContaining("precision bf16 in the checkpoint, fp32 in the job (IMLAB_PRECISION)");
    }

    @Test
    void reducedPrecisionIsRefusedBeforeAnythingTrains() {
        assertThatThrownBy(() -> TrainingRun.start(job("fp16"), "fp16"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IMLAB_PRECISION: fp16 needs dynamic loss scaling");
        assertThatThrownBy(() -> TrainingRun.start(job("bf16"), "bf16"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IMLAB_PRECISION: bf16 is not supported by DJL 0.36's PyTorch engine");
        assertThat(work.resolve("fp16")).doesNotExist();
        assertThat(work.resolve("bf16")).doesNotExist();
    }

    /** Edits {@code trainer_state.json} and rewrites the completion marker so the checkpoint still verifies. */
    private static void rewriteState(Path dir, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode state = (ObjectNode) JSON.readTree(dir.resolve(Checkpoints.STATE).toFile());
        edit.accept(state);
        JSON.writeValue(dir.resolve(Checkpoints.STATE).toFile(), state);
        Map<String, String> digests = new LinkedHashMap<>();
        for (String file : List.of(Checkpoints.PARAMETERS, Checkpoints.OPTIMIZER, Checkpoints.STATE)) {
            digests.put(file, Checkpoints.sha256(dir.resolve(file)));
        }
        JSON.writeValue(dir.resolve(Checkpoints.COMPLETE).toFile(), new Checkpoints.Marker(Checkpoints.FORMAT, 2, digests));
    }
}
