package io.imlab.cookbook.hash;

import io.imlab.cookbook.spec.RecipeSpec;
import io.imlab.cookbook.spec.SplitSpec;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentHashTest {
    /** A small spec-like record; the bench's own hash covers more (see BenchBuilder.contentHash). */
    record Generator(String source, long seed, int tasksPerFamily, int instancesPerTask) {
        static Generator defaults() {
            return new Generator("mini", 7, 3, 300);
        }
    }

    @Test
    void rendersRecordsAsSortedCompactJson() {
        assertThat(ContentHash.canonicalJson(Generator.defaults()))
                .isEqualTo("{\"instancesPerTask\":300,\"seed\":7,\"source\":\"mini\",\"tasksPerFamily\":3}");
    }

    @Test
    void staysTheSameAcrossBuilds() {
        // Cached benches are named by this hash: if it changes, every cache entry is orphaned.
        // The expected value is `printf '%s' '<the JSON below>' | sha256sum`.
        assertThat(ContentHash.of(3, Generator.defaults()))
                .isEqualTo("51ef447c962f0e27447a736e21e08f7857077184501e4e2f2c8fa20bb9321cdd")
                .isEqualTo(ContentHash.sha256Hex(
                        "[3,{\"instancesPerTask\":300,\"seed\":7,\"source\":\"mini\",\"tasksPerFamily\":3}]"));
    }

    @Test
    void ignoresKeyOrder() {
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", Map.of("y", 2, "x", List.of(1, 2)));
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", new TreeMap<>(Map.of("x", List.of(1, 2), "y", 2)));
        ba.put("a", 1);

        assertThat(ContentHash.of(ab)).isEqualTo(ContentHash.of(ba));
        assertThat(ContentHash.canonicalJson(ba)).isEqualTo("{\"a\":1,\"b\":{\"x\":[1,2],\"y\":2}}");
    }

    @Test
    void hashesARecordLikeTheEquivalentMap() {
        Map<String, Object> asMap = Map.of("source", "mini", "seed", 7L, "tasksPerFamily", 3, "instancesPerTask", 300.0);

        assertThat(ContentHash.of(asMap)).isEqualTo(ContentHash.of(Generator.defaults()));
    }

    @Test
    void formatsNumbersOneWay() {
        assertThat(ContentHash.canonicalJson(List.of(1, 1L, 1.0, 1.0f, 0.010, -0.0, 2.5e-7, 1e300, 123456789012345678L)))
                .isEqualTo("[1,1,1,1,0.01,0,0.00000025,1e300,123456789012345678]");
        assertThat(ContentHash.canonicalJson(0.1f)).isEqualTo("0.1");
    }

    @Test
    void distinguishesDifferentContentAndPartOrder() {
        RecipeSpec recipe = RecipeSpec.defaults();
        RecipeSpec moreCot = new RecipeSpec(recipe.seed(), recipe.taskCap(), recipe.collectionShares(), 0.04,
                recipe.dialogueShare(), recipe.plainTextShare(), recipe.sequenceLength(), recipe.sequences());

        assertThat(ContentHash.of(1, recipe)).isNotEqualTo(ContentHash.of(1, moreCot));
        assertThat(ContentHash.of(1, recipe)).isNotEqualTo(ContentHash.of(2, recipe));
        assertThat(ContentHash.of("a", "b")).isNotEqualTo(ContentHash.of("b", "a"));
        assertThat(ContentHash.of(Generator.defaults(), SplitSpec.defaults())).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void combinesEarlierHashes() {
        String bench = ContentHash.of(1, Generator.defaults(), SplitSpec.defaults());
        String mixture = ContentHash.of(1, bench, RecipeSpec.defaults());

        assertThat(mixture).isEqualTo(ContentHash.sha256Hex("[1,\"" + bench + "\"," + ContentHash.canonicalJson(RecipeSpec.defaults()) + "]"));
    }

    @Test
    void escapesStrings() {
        assertThat(ContentHash.canonicalJson(Map.of("k", "quote\" back\\ nl\n tab\t bell\u0007 é")))
                .isEqualTo("{\"k\":\"quote\\\" back\\\\ nl\\n tab\\t bell\\u0007 é\"}");
    }

    @Test
    void keepsNullsAndBooleans() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("z", null);
        value.put("a", true);

        assertThat(ContentHash.canonicalJson(value)).isEqualTo("{\"a\":true,\"z\":null}");
    }

    @Test
    void rejectsNumbersJsonCannotHold() {
        assertThatThrownBy(() -> ContentHash.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> ContentHash.of(Map.of("x", Double.POSITIVE_INFINITY)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
