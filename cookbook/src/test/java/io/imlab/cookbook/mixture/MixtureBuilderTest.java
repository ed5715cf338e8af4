package io.imlab.cookbook.mixture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imlab.cookbook.pack.PackedDatasetReader;
import io.imlab.cookbook.pack.PackedSequence;
import io.imlab.cookbook.spec.RecipeSpec;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.PoolKind;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.task.TextExample;
import io.imlab.cookbook.tokenize.ByteTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MixtureBuilderTest {
    private static final List<Task> TASKS = List.of(
            TaskFixtures.taskLevel("sni-1", "supernatural", "qa", "Answer the question.", 120),
            TaskFixtures.instanceLevel("ps-1", "promptsource", "nli", List.of("Premise: {input}\nTrue or false?", "{input}\nAnswer:"), 90),
            TaskFixtures.keyword("t5-1", "t5", "translation", "Translate to German.", 60));
    private static final Map<PoolKind, List<TextExample>> POOLS = Map.of(
            PoolKind.COT, List.of(new TextExample("What is 2+2?", "2+2 is 4. So the answer is 4.")),
            PoolKind.PLAIN_TEXT, List.of(new TextExample("", "The quick brown fox jumps over the lazy dog.")));
    private static final RecipeSpec RECIPE = new RecipeSpec(11, 4096, Map.of("supernatural", 0.5), 0.04, 0, 0.05, 128, 40);

    private final ByteTokenizer tokenizer = new ByteTokenizer();

    @Test
    void writesExactlyTheRequestedSequencesWithLossOnlyOnTargets(@TempDir Path dir) {
        MixtureStats stats = new MixtureBuilder().build(TASKS, POOLS, RECIPE, tokenizer, dir);

        Set<String> targets = new HashSet<>();
        for (Task task : TASKS) {
            for (Instance instance : task.instances()) {
                targets.add(" " + instance.target());
            }
        }
        targets.add(" 2+2 is 4. So the answer is 4.");
        targets.add("The quick brown fox jumps over the lazy dog.");

        long examples = 0;
        try (PackedDatasetReader reader = new PackedDatasetReader(dir)) {
            assertThat(reader.size()).isEqualTo(40);
            assertThat(reader.info().sequenceLength()).isEqualTo(128);
            assertThat(reader.info().tokenizer()).isEqualTo("byte-v1");
            for (long s = 0; s < reader.size(); s++) {
                PackedSequence sequence = reader.get(s);
                int segments = 0;
                for (int id : sequence.segmentIds()) {
                    segments = Math.max(segments, id);
                }
                for (int segment = 1; segment <= segments; segment++) {
                    List<Integer> masked = new ArrayList<>();
                    int last = -1;
                    for (int i = 0; i < sequence.length(); i++) {
                        if (sequence.segmentIds()[i] == segment) {
                            last = i;
                            if (sequence.lossMask()[i] == 1) {
                                masked.add(sequence.tokens()[i]);
                            }
                        }
                    }
                    // Every example ends with end-of-document, and its masked tokens are exactly its target.
                    assertThat(sequence.tokens()[last]).isEqualTo(ByteTokenizer.EOS);
                    assertThat(masked.get(masked.size() - 1)).isEqualTo(ByteTokenizer.EOS);
                    String target = tokenizer.decode(masked.stream().mapToInt(Integer::intValue).toArray());
                    assertThat(targets).contains(target);
                }
                examples += segments;
            }
        }
        assertThat(stats.examples()).isEqualTo(examples);
        assertThat(stats.packing().sequences()).isEqualTo(40);
        assertThat(stats.packing().examples()).isEqualTo(examples);
        assertThat(stats.packing().truncatedExamples()).isZero();
    }

    @Test
    void writesPreviewAndStats(@TempDir Path dir) throws IOException {
        MixtureStats stats = new MixtureBuilder().build(TASKS, POOLS, RECIPE, tokenizer, dir);
        ObjectMapper json = new ObjectMapper();

        List<String> lines = Files.readAllLines(dir.resolve(MixtureBuilder.EXAMPLES_FILE));
        assertThat(lines).hasSizeGreaterThanOrEqualTo((int) stats.examples()).hasSizeLessThanOrEqualTo(MixtureBuilder.PREVIEW_EXAMPLES);
        JsonNode first = json.readTree(lines.get(0));
        assertThat(first.fieldNames()).toIterable().containsExactly("src", "tgt", "kind", "task", "collection", "category", "shots");
        for (String line : lines) {
            JsonNode node = json.readTree(line);
            if (node.get("kind").asText().equals("task")) {
                assertThat(node.get("tgt").asText()).startsWith(" out-");
                assertThat(node.get("task").asText()).isIn("sni-1", "ps-1", "t5-1");
            }
        }

        JsonNode written = json.readTree(dir.resolve(MixtureBuilder.STATS_FILE).toFile());
        assertThat(written.get("examples").asLong()).isEqualTo(stats.examples());
        assertThat(written.at("/byCollection/supernatural/requested").asDouble()).isCloseTo(0.91 * 0.5, within(1e-12));
        assertThat(written.at("/packing/sequences").asLong()).isEqualTo(40);
    }

    @Test
    void sameInputsGiveByteIdenticalFiles(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        new MixtureBuilder().build(TASKS, POOLS, RECIPE, tokenizer, a);
        new MixtureBuilder().build(TASKS, POOLS, RECIPE, tokenizer, b);

        List<Path> files;
        try (Stream<Path> listing = Files.list(a)) {
            files = listing.map(a::relativize).sorted().toList();
        }
        assertThat(files).extracting(Path::toString).contains("tokens.bin", "tokens.idx", "loss_mask.bin", "loss_mask.idx", "segments.bin", "segments.idx",
                "packed.json", "examples.jsonl", "stats.json");
        for (Path file : files) {
            assertThat(Files.readAllBytes(b.resolve(file))).as(file.toString()).isEqualTo(Files.readAllBytes(a.resolve(file)));
        }
    }

    @Test
    void countsLeftTruncatedExamples(@TempDir Path dir) {
        RecipeSpec tiny = new RecipeSpec(11, 4096, Map.of(), 0, 0, 0, 16, 5);
        MixtureStats stats = new MixtureBuilder().build(TASKS, Map.of(), tiny, tokenizer, dir);

        // Every task prompt here is longer than 16 bytes, so every example is cut to one full sequence.
        assertThat(stats.packing().truncatedExamples()).isEqualTo(5);
        assertThat(stats.examples()).isEqualTo(5);
        assertThat(stats.packing().paddingTokens()).isZero();
    }

    @Test
    void rejectsAnUnusableRecipe(@TempDir Path dir) {
        RecipeSpec bad = new RecipeSpec(11, 4096, Map.of(), 0, 0, 0, 1, 0);
        assertThatThrownBy(() -> new MixtureBuilder().build(TASKS, POOLS, bad, tokenizer, dir))
                .hasMessageContaining("recipe.sequenceLength: must be ≥ 2")
                .hasMessageContaining("recipe.sequences: must give at least 1 sequence");
        assertThat(dir).isEmptyDirectory();
    }
}
