package io.imlab.trainer;

/**
 * Training FLOPs per token of a {@link io.imlab.trainer.model.TransformerLm}, in the convention of PaLM
 * (Chowdhery et al. 2022, appendix B) and Megatron-LM: {@code 6·N + 12·L·d·T}, where N counts the
 * non-embedding parameters (every block's matrices, biases and LayerNorms, the final LayerNorm and the
 * untied output projection, which is a matrix product like any other), L is the number of blocks, d the
 * hidden size and T the context length.
 *
 * <p>The 6 is 2 FLOPs per multiply-add for the forward pass plus twice that for the backward pass. The
 * attention term counts {@code QKᵀ} and {@code softmax·V} (each 2·T·d FLOPs per token forward, so
 * 3·4·T·d with the backward) over the full T×T square, as PaLM does, although the causal and document
 * masks make part of it wasted work. Token and position embeddings are lookups and count nothing. Model
 * FLOP utilization is then {@code perToken() × tokens/s ÷ peak FLOP/s}; recomputation (there is none
 * here) would not count.
 *
 * @param nonEmbeddingParameters N
 * @param attentionPerToken      12·L·d·T
 */
public record ModelFlops(long nonEmbeddingParameters, long attentionPerToken) {

    /** FLOPs of the model defined by {@code config}. */
    public static ModelFlops of(ModelConfig config) {
        long d = config.dModel();
        long f = config.ffnDim();
        long v = config.vocabSize();
        long perLayer = (3 * d * d + 3 * d) // fused query/key/value projection
                + (d * d + d)               // attention output projection
                + (f * d + f) + (d * f + d) // feed-forward up and down
                + 4 * d;                    // two LayerNorms
        long parameters = config.layers() * perLayer + 2 * d + (v * d + v); // final LayerNorm, output projection
        long attention = 12L * config.layers() * d * config.contextLength();
        return new ModelFlops(parameters, attention);
    }

    /** Training FLOPs (forward and backward) per token: {@code 6·N + 12·L·d·T}. */
    public long perToken() {
        return 6 * nonEmbeddingParameters + attentionPerToken;
    }
}
