package io.imlab.cookbook.mixture;

import java.util.Objects;

/**
 * A prompt split the way OPT-IML trains on it (§3.1): the instructions plus input form the source, the
 * label forms the target. The target carries its leading space, as metaseq joins {@code src + " " + tgt}.
 *
 * @param source instructions, demonstrations and input, ending with the delimiter (or the template's ':')
 * @param target {@code " " + output}; the tokens that carry the loss
 */
public record FormattedExample(String source, String target) {
    public FormattedExample {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }
}
