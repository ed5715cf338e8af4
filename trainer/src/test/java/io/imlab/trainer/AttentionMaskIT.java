package io.imlab.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import io.imlab.cookbook.spec.ModelSpec;
import io.imlab.trainer.model.ModelInputs;
import io.imlab.trainer.model.TransformerLm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Document attention masking and position reset (OPT-IML §3.2, metaseq {@code self_attn_doc_sep}). */
class AttentionMaskIT {
    private static final int PAD = 1;
    private static NDManager manager;
    private static TransformerLm model;
    private static ParameterStore store;

    @BeforeAll
    static void randomModel() {
        manager = TorchEngine.get().newBaseManager();
        TorchEngine.get().setRandomSeed(42);
        model = new TransformerLm(ModelConfig.of(new ModelSpec("tiny", 0, 64, 4, 0.1), 260, 16));
        model.initialize(manager);
        store = new ParameterStore(manager, false);
    }

    @AfterAll
    static void release() {
        manager.close();
    }

    private static float[][] logits(int[] tokens, int[] segments) {
        NDArray out = model.forward(store, ModelInputs.toNDList(manager, new int[][] {tokens}, new int[][] {segments}),
                false).singletonOrThrow();
        float[][] rows = new float[tokens.length][];
        for (int t = 0; t < tokens.length; t++) {
            rows[t] = out.get(new NDIndex("0, {}", t)).toFloatArray();
        }
        return rows;
    }

    @Test
    void aTokenIgnoresOtherSegmentsAndItsPositionsRestart() {
        int[] segments = {1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0};
        int[] packed = {40, 41, 42, 43, 44, 60, 61, 62, 63, 64, 65, PAD, PAD, PAD, PAD, PAD};
        int[] otherFirst = {90, 91, 92, 93, 94, 60, 61, 62, 63, 64, 65, PAD, PAD, PAD, PAD, PAD};
        float[][] before = logits(packed, segments);
        float[][] after = logits(otherFirst, segments);
        for (int t = 5; t < 11; t++) {
            assertThat(after[t]).as("segment 2, position %d", t).containsExactly(before[t], org.assertj.core.data.Offset.offset(1e-5f));
        }
        assertThat(maxDifference(before[2], after[2])).as("segment 1 itself changed").isGreaterThan(1e-3);

        // Positions restart per segment: segment 2 packed behind segment 1 reads exactly like segment 2 alone.
        int[] alone = {60, 61, 62, 63, 64, 65, PAD, PAD, PAD, PAD, PAD, PAD, PAD, PAD, PAD, PAD};
        int[] aloneSegments = {1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        float[][] single = logits(alone, aloneSegments);
        for (int t = 0; t < 6; t++) {
            assertThat(single[t]).containsExactly(before[t + 5], org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void attentionIsCausalWithinASegment() {
        int[] segments = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        int[] tokens = {40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55};
        int[] laterChanged = tokens.clone();
        laterChanged[10] = 99;
        float[][] before = logits(tokens, segments);
        float[][] after = logits(laterChanged, segments);
        for (int t = 0; t < 10; t++) {
            assertThat(after[t]).containsExactly(before[t], org.assertj.core.data.Offset.offset(1e-5f));
        }
        assertThat(maxDifference(before[12], after[12])).isGreaterThan(1e-3);
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
