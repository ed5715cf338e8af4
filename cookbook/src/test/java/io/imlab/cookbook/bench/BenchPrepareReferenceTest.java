package io.imlab.cookbook.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imlab.cookbook.ingest.SuperNaturalInstructionsReader;
import io.imlab.cookbook.leakage.FlaggedPair;
import io.imlab.cookbook.leakage.LeakageReport;
import io.imlab.cookbook.spec.BenchInputs;
import io.imlab.cookbook.spec.BenchSpec;
import io.imlab.cookbook.spec.SplitSpec;
import io.imlab.cookbook.split.GeneralizationLevel;
import io.imlab.cookbook.split.SplitResult;
import io.imlab.cookbook.split.ThreeLevelSplitter;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.taxonomy.CategoryResolver;
import io.imlab.cookbook.taxonomy.Taxonomy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BenchBuilder#prepare}'s optimized path (a streaming first pass over the files on worker threads, keeping
 * only hashes; the split planned on task outlines; n-grams hashed once from the parser's buffer and reused; the check's
 * lookups on several threads) against a plain reference on generated data: the files read one by one into tasks,
 * capped, split, and the 13-gram overlap computed from n-grams as <em>strings</em>, every (train, eval) pair compared
 * set against set. Same split, same report.
 */
class BenchPrepareReferenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] CATEGORIES = {"Summarization", "Question Answering", "Textual Entailment",
        "Sentiment Analysis", "Title Generation"};

    @TempDir
    Path tmp;

    @Test
    void optimizedPrepareEqualsAPlainReferenceImplementation() throws IOException {
        Path tasks = tmp.resolve("data/tasks");
        Random random = new Random(11);
        // a small vocabulary and shared passages, so that many pairs share 13-grams at many different fractions
        List<String> passages = new ArrayList<>();
        for (int p = 0; p < 40; p++) {
            passages.add(words(random, 14 + random.nextInt(30)));
        }
        for (int t = 0; t < 24; t++) {
            String category = CATEGORIES[t % CATEGORIES.length];
            String source = "source_" + (t % 11);
            writeTask(tasks, String.format(Locale.ROOT, "task%03d_generated", t), category, source,
                    30 + random.nextInt(300), random, passages);
        }
        BenchSpec bench = BenchBuilderTest.collections(tasks, 200, Map.of());
        SplitSpec splits = new SplitSpec(9, List.of("Textual Entailment"), List.of("Question Answering"), 1, 0.2, 40,
                List.of("Sentiment Analysis"), 0.5, 0);
        BenchInputs inputs = BenchInputs.resolve(bench, tmp);

        BenchBuilder.Prepared prepared = new BenchBuilder().prepare(bench, splits, inputs);

        // the reference: one file at a time, then the same caps and splitter
        SuperNaturalInstructionsReader reader = new SuperNaturalInstructionsReader(new CategoryResolver(Taxonomy.load()));
        List<Task> read = new ArrayList<>();
        for (Path file : SuperNaturalInstructionsReader.taskFiles(tasks)) {
            read.add(BenchBuilder.cap(reader.read(file), 200, bench.seed(), new ArrayList<>()));
        }
        SplitResult expected = new ThreeLevelSplitter().split(read, splits);
        assertThat(describe(prepared.split())).isEqualTo(describe(expected));
        assertThat(prepared.capped()).isNotEmpty();

        List<Task> eval = new ArrayList<>();
        for (GeneralizationLevel level : GeneralizationLevel.values()) {
            eval.addAll(expected.evalTasks(level));
        }
        LeakageReport reference = referenceOverlap(expected.trainTasks(), eval, 13, 0.01);
        assertThat(reference.flagged()).hasSizeGreaterThan(5);
        assertThat(prepared.leakage()).isEqualTo(reference);
    }

    /** Every task of a split with its instance ids, its level and whether it is test, plus the excluded tasks. */
    private static Map<String, Object> describe(SplitResult split) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("train", ids(split.trainTasks()));
        for (GeneralizationLevel level : GeneralizationLevel.values()) {
            out.put(level + "/eval", ids(split.evalTasks(level)));
            out.put(level + "/test", new java.util.TreeSet<>(split.testTasks().get(level)));
        }
        out.put("excluded", split.excludedTasks());
        return out;
    }

    private static Map<String, List<String>> ids(List<Task> tasks) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        tasks.forEach(t -> out.put(t.name(), t.instances().stream().map(Instance::id).toList()));
        return out;
    }

    /**
     * The paper's rule written the slow, obvious way: n-grams as strings of lower-cased letter/digit runs, a train
     * task's n-gram set against each eval instance's; a pair is flagged when more than {@code threshold} of the eval
     * task's instances share one. A train task is not compared with the eval task of its own name (level 3).
     */
    static LeakageReport referenceOverlap(List<Task> train, List<Task> eval, int n, double threshold) {
        List<List<Set<String>>> evalGrams = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        long evalInstances = 0;
        for (Task task : eval) {
            List<Set<String>> perInstance = new ArrayList<>();
            for (Instance instance : task.instances()) {
                Set<String> grams = ngrams(instance, n);
                perInstance.add(grams);
                distinct.addAll(grams);
                evalInstances++;
            }
            evalGrams.add(perInstance);
        }
        List<FlaggedPair> flagged = new ArrayList<>();
        for (Task trainTask : train) {
            Set<String> trainGrams = new HashSet<>();
            trainTask.instances().forEach(i -> trainGrams.addAll(ngrams(i, n)));
            for (int e = 0; e < eval.size(); e++) {
                if (eval.get(e).name().equals(trainTask.name())) {
                    continue;
                }
                int shared = 0;
                for (Set<String> grams : evalGrams.get(e)) {
                    if (grams.stream().anyMatch(trainGrams::contains)) {
                        shared++;
                    }
                }
                int size = eval.get(e).instances().size();
                double fraction = (double) shared / size;
                if (fraction > threshold) {
                    flagged.add(new FlaggedPair(trainTask.name(), eval.get(e).name(), shared, size, fraction));
                }
            }
        }
        Map<String, Integer> evalOrder = new HashMap<>();
        for (int e = 0; e < eval.size(); e++) {
            evalOrder.put(eval.get(e).name(), e);
        }
        flagged.sort(Comparator.comparing((FlaggedPair p) -> evalOrder.get(p.evalTask()))
                .thenComparing(Comparator.comparingDouble(FlaggedPair::fraction).reversed())
                .thenComparing(FlaggedPair::trainTask));
        return new LeakageReport(n, threshold, train.size(), eval.size(), evalInstances, distinct.size(), flagged);
    }

    /** The word n-grams of input-then-references, as strings. */
    private static Set<String> ngrams(Instance instance, int n) {
        List<String> tokens = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        texts.add(instance.input());
        texts.addAll(instance.outputs());
        for (String text : texts) {
            StringBuilder token = new StringBuilder();
            for (int i = 0; i <= text.length(); i++) {
                char c = i < text.length() ? text.charAt(i) : ' ';
                if (Character.isLetterOrDigit(c)) {
                    token.append(Character.toLowerCase(c));
                } else if (token.length() > 0) {
                    tokens.add(token.toString());
                    token.setLength(0);
                }
            }
        }
        Set<String> grams = new HashSet<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            grams.add(String.join(" ", tokens.subList(i, i + n)));
        }
        return grams;
    }

    private static final String[] VOCABULARY = ("the a river stone city Ärzte über naïve café question answer "
            + "summary title 2024 42 Brown FOX jumps lazy dog sees green tree under blue sky near old mill").split(" ");

    static String words(Random random, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : random.nextInt(9) == 0 ? ", " : " ").append(VOCABULARY[random.nextInt(VOCABULARY.length)]);
        }
        return out.toString();
    }

    static void writeTask(Path dir, String name, String category, String source, int instances, Random random,
                                  List<String> passages) throws IOException {
        ObjectNode task = JSON.createObjectNode();
        task.putArray("Source").add(source);
        task.putArray("Categories").add(category);
        task.putArray("Definition").add("Generated task " + name + ".");
        task.putArray("Positive Examples");
        task.putArray("Negative Examples");
        ArrayNode list = task.putArray("Instances");
        for (int i = 0; i < instances; i++) {
            // some instances quote a shared passage (a 13-gram overlap with other tasks), some repeat an input of
            // their source (the level-3 hold-out is by distinct input per source), the rest are fresh words
            int kind = random.nextInt(10);
            String input = kind == 0 ? "Passage: " + passages.get(random.nextInt(passages.size())) + "?"
                    : kind == 1 ? "Shared input " + random.nextInt(20) + " of " + source
                    : words(random, 5 + random.nextInt(25));
            ArrayNode outputs = list.addObject().put("id", name + "-" + i).put("input", input).putArray("output");
            outputs.add(words(random, 1 + random.nextInt(8)));
            if (random.nextInt(4) == 0) {
                outputs.add(words(random, 3 + random.nextInt(12)));
            }
        }
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve(name + ".json").toFile(), task);
    }
}
