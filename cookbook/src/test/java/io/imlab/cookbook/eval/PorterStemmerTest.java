package io.imlab.cookbook.eval;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PorterStemmerTest {
    /** Examples from Porter (1980), run through all five steps. */
    @ParameterizedTest
    @CsvSource({
            "caresses, caress", "ponies, poni", "ties, ti", "cats, cat", "feed, feed", "agreed, agre",
            "plastered, plaster", "bled, bled", "motoring, motor", "sing, sing", "conflated, conflat",
            "troubled, troubl", "sized, size", "hopping, hop", "tanned, tan", "falling, fall", "hissing, hiss",
            "fizzed, fizz", "failing, fail", "filing, file", "happy, happi", "sky, sky", "relational, relat",
            "conditional, condit", "rational, ration", "generalizations, gener", "oscillators, oscil",
            "hopeful, hope", "goodness, good", "adjustment, adjust", "replacement, replac", "effective, effect",
            "probate, probat", "rate, rate", "cease, ceas", "controlling, control", "roll, roll", "adoption, adopt",
            "running, run", "is, is", "k9s, k9s"})
    void stemsThePapersExamples(String word, String stem) {
        assertThat(PorterStemmer.stem(word)).isEqualTo(stem);
    }

    @ParameterizedTest
    @CsvSource({"tr, 0", "ee, 0", "tree, 0", "y, 0", "by, 0", "trouble, 1", "oats, 1", "trees, 1", "ivy, 1",
            "troubles, 2", "private, 2", "oaten, 2", "orrery, 2"})
    void measuresLikeThePaper(String word, int m) {
        assertThat(PorterStemmer.measure(word)).isEqualTo(m);
    }
}
