package io.imlab.trainer;

import io.imlab.cookbook.pack.PackedDatasetInfo;
import io.imlab.cookbook.spec.ModelSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Fully resolved dimensions of a {@link io.imlab.trainer.model.TransformerLm}: a {@link ModelSpec}
 * preset with explicit overrides, plus the vocabulary size and context length taken from the packed
 * training data. Stored in every checkpoint, so a scorer rebuilds exactly the trained network.
 *
 * @param layers        transformer blocks
 * @param dModel        hidden size
 * @param heads         attention heads; must divide {@code dModel}
 * @param ffnDim        inner size of the feed-forward network (4 × {@code dModel}, as in GPT/OPT)
 * @param vocabSize     output vocabulary, from the tokenizer that packed the data
 * @param contextLength longest sequence the learned position embedding covers (the packed sequence length)
 * @param dropout       dropout probability on embeddings, attention probabilities and residual branches
 */
public record ModelConfig(
        int layers, int dModel, int heads, int ffnDim, int vocabSize, int contextLength, double dropout) {

    public ModelConfig {
        List<String> problems = problems(layers, dModel, heads, ffnDim, vocabSize, contextLength, dropout);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid model configuration: " + String.join("; ", problems));
        }
    }

    /**
     * Resolves a spec against the data it will train on. Dimensions left at 0 come from the preset
     * ({@code tiny} when the preset is blank).
     *
     * @throws IllegalArgumentException listing every problem, with the spec field path
     */
    public static ModelConfig of(ModelSpec spec, PackedDatasetInfo data) {
        return of(spec, data.vocabSize(), data.sequenceLength());
    }

    /** As {@link #of(ModelSpec, PackedDatasetInfo)}, with the data's dimensions given directly. */
    public static ModelConfig of(ModelSpec spec, int vocabSize, int contextLength) {
        List<String> problems = new ArrayList<>();
        ModelPreset preset = ModelPreset.TINY;
        if (spec.preset() != null && !spec.preset().isBlank()) {
            try {
                preset = ModelPreset.fromSpecName(spec.preset());
            } catch (IllegalArgumentException e) {
                problems.add("model.preset: " + e.getMessage());
            }
        }
        int layers = spec.layers() == 0 ? preset.layers() : spec.layers();
        int dModel = spec.dModel() == 0 ? preset.dModel() : spec.dModel();
        int heads = spec.heads() == 0 ? preset.heads() : spec.heads();
        problems.addAll(problems(layers, dModel, heads, 4 * dModel, vocabSize, contextLength, spec.dropout()));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid model configuration: " + String.join("; ", problems));
        }
        return new ModelConfig(layers, dModel, heads, 4 * dModel, vocabSize, contextLength, spec.dropout());
    }

    /** Size of one attention head. */
    public int headDim() {
        return dModel / heads;
    }

    private static List<String> problems(
            int layers, int dModel, int heads, int ffnDim, int vocabSize, int contextLength, double dropout) {
        List<String> problems = new ArrayList<>();
        if (layers < 1) {
            problems.add("model.layers: must be ≥ 1, was " + layers);
        }
        if (dModel < 1) {
            problems.add("model.dModel: must be ≥ 1, was " + dModel);
        }
        if (heads < 1) {
            problems.add("model.heads: must be ≥ 1, was " + heads);
        } else if (dModel >= 1 && dModel % heads != 0) {
            problems.add("model.heads: " + heads + " does not divide model.dModel " + dModel);
        }
        if (ffnDim < 1) {
            problems.add("model.ffnDim: must be ≥ 1, was " + ffnDim);
        }
        if (vocabSize < 2) {
            problems.add("data.vocabSize: must be ≥ 2, was " + vocabSize);
        }
        if (contextLength < 2) {
            problems.add("data.sequenceLength: must be ≥ 2, was " + contextLength);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            problems.add("model.dropout: must be in [0, 1), was " + dropout);
        }
        return problems;
    }
}
