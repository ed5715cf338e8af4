package io.imlab.cookbook.mixture;

import io.imlab.cookbook.bench.Bench;
import io.imlab.cookbook.bench.MiniBenchGenerator;
import io.imlab.cookbook.hash.ContentHash;
import io.imlab.cookbook.ingest.SharedData;
import io.imlab.cookbook.spec.BenchSpec;
import io.imlab.cookbook.spec.MetaIclSpec;
import io.imlab.cookbook.spec.RecipeSpec;
import io.imlab.cookbook.spec.SplitSpec;
import io.imlab.cookbook.split.SplitResult;
import io.imlab.cookbook.split.ThreeLevelSplitter;
import io.imlab.cookbook.tokenize.ByteTokenizer;
import io.imlab.cookbook.tokenize.Gpt2BpeTokenizer;
import io.imlab.cookbook.tokenize.Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fixed seed gives the very bytes the mixture code wrote before the hot path was optimized (issue #4,
 * performance): every file of the mixture folder ({@code .bin}/{@code .idx} of tokens, loss mask and
 * segments, {@code packed.json}, {@code examples.jsonl}, {@code stats.json}, {@code recipe.json}) hashed
 * together. The expected digests were computed with the code as it was on main before that work
 * (commit ea327b5); a change to them is a change of the mixture format and needs a new
 * {@link MixtureBuilder#FORMAT_VERSION}.
 */
class MixtureGoldenBytesTest {
    private static final Bench BENCH = new MiniBenchGenerator().generate(new BenchSpec("mini", 7, 3, 300));
    private static final SplitResult SPLIT = new ThreeLevelSplitter().split(BENCH.tasks(), new SplitSpec(7,
            List.of("Word Analogy", "Cause Effect Classification"),
            List.of("Toxic Language Detection", "Summarization", "Mathematics"), 1, 0.1, 50));
    /** The quickstart's recipe with more chain of thought and plain text, so that every pool is drawn. */
    private static final RecipeSpec RECIPE = new RecipeSpec(5, 4096, Map.of(), 0.04, 0, 0.05, 256, 300);

    @Test
    void zeroShotByteMixtureIsByteIdenticalToThePreOptimizationCode(@TempDir Path dir) throws IOException {
        assertThat(digest(RECIPE, new ByteTokenizer(), dir))
                .isEqualTo("f2ea7345fa29b4c203bf4d41287d7adaecf092513de418de3089d3351640d490");
    }

    @Test
    void metaIclByteMixtureIsByteIdenticalToThePreOptimizationCode(@TempDir Path dir) throws IOException {
        RecipeSpec recipe = RECIPE.withMetaIcl(new MetaIclSpec(5, 2.0, false));
        assertThat(digest(recipe, new ByteTokenizer(), dir))
                .isEqualTo("cf94e5edb9e2adb4f6362fac4a9379dd57609b57837b8c42d2cb792fb70c256b");
    }

    @Test
    void suffixLossMetaIclByteMixtureIsByteIdenticalToThePreOptimizationCode(@TempDir Path dir) throws IOException {
        RecipeSpec recipe = RECIPE.withMetaIcl(new MetaIclSpec(5, 2.0, true));
        assertThat(digest(recipe, new ByteTokenizer(), dir))
                .isEqualTo("5e158c0dd7b57a9dc9776680b315186a04348ceab0848a6807cc6af79fed26bf");
    }

    @Test
    void gpt2MixtureIsByteIdenticalToThePreOptimizationCode(@TempDir Path dir) throws IOException {
        Path opt = SharedData.require("tokenizer", "opt");
        Tokenizer gpt2 = Gpt2BpeTokenizer.load(opt.resolve("gpt2-vocab.json"), opt.resolve("gpt2-merges.txt"));
        assertThat(digest(RECIPE, gpt2, dir))
                .isEqualTo("55d7435bcfcfb17021c978f77e886069445cec7ee431ae5c3b204f442273f58e");
    }

    /** SHA-256 over every file of the built folder, by name, each as its name, a NUL and its bytes. */
    private static String digest(RecipeSpec recipe, Tokenizer tokenizer, Path dir) throws IOException {
        Path out = dir.resolve("mixture");
        new MixtureBuilder().build(SPLIT.trainTasks(), BENCH.pools(), recipe, tokenizer, out);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (Stream<Path> files = Files.list(out)) {
            for (Path file : files.sorted().toList()) {
                all.write(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                all.write(0);
                all.write(Files.readAllBytes(file));
            }
        }
        return ContentHash.sha256Hex(all.toByteArray());
    }
}
