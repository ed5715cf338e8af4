package io.imlab.cookbook.spec;

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
}
