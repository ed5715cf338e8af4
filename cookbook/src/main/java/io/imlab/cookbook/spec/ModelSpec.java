package io.imlab.cookbook.spec;

import java.util.List;

/**
 * Decoder-only transformer dimensions. A preset fills the dimensions left at 0.
 *
 * @param preset   {@code tiny}, {@code small} or {@code base}
 * @param layers   transformer blocks (0 = from preset)
 * @param dModel   hidden size (0 = from preset)
 * @param heads    attention heads (0 = from preset)
 * @param dropout  dropout probability
 */
public record ModelSpec(String preset, int layers, int dModel, int heads, double dropout) {
    /** The presets the trainer knows. */
    public static final List<String> PRESETS = List.of("tiny", "small", "base");

    /**
     * The {@code tiny} preset with its own dimensions and no dropout: a few hundred steps on a CPU do
     * not overfit, and dropout only slows convergence there (the paper's 0.1 is for 30B runs, §3.3).
     */
    public static ModelSpec defaults() {
        return new ModelSpec("tiny", 0, 0, 0, 0.0);
    }
}
