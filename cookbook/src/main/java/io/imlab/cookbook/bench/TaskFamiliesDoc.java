package io.imlab.cookbook.bench;

import io.imlab.cookbook.spec.BenchSpec;
import io.imlab.cookbook.spec.SplitSpec;
import io.imlab.cookbook.split.GeneralizationLevel;
import io.imlab.cookbook.split.SplitResult;
import io.imlab.cookbook.split.ThreeLevelSplitter;
import io.imlab.cookbook.split.StableSeeds;
import io.imlab.cookbook.task.PoolKind;
import io.imlab.cookbook.task.TextExample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Renders {@code docs/task-families.md} from {@link TaskFamilies}, so the documentation cannot drift
 * from the generator (a test compares the committed file with a fresh rendering).
 */
public final class TaskFamiliesDoc {
    /** The command that rewrites the committed page. */
    public static final String REGENERATE =
            "mvn -o -B -q -pl cookbook test -Dtest=TaskFamiliesDocTest -Dimlab.regenerateDocs=true";

    /** The split the page suggests for the quickstart; the page reports what it gives on the default bench. */
    public static final SplitSpec QUICKSTART_SPLIT = new SplitSpec(7,
            List.of("Word Analogy", "Cause Effect Classification"),
            List.of("Toxic Language Detection", "Summarization", "Mathematics"), 1, 0.1, 50);

    private TaskFamiliesDoc() {
    }

    public static String render() {
        List<TaskFamily> families = TaskFamilies.all();
        int perFamily = BenchSpec.defaults().tasksPerFamily();
        StringBuilder md = new StringBuilder();
        md.append("# Task families of the built-in mini benchmark\n\n")
                .append("<!-- Generated from TaskFamilies by TaskFamiliesDoc; do not edit. Regenerate with:\n     ")
                .append(REGENERATE).append(" -->\n\n")
                .append("The mini benchmark (`MiniBenchGenerator`, bench name `").append(MiniBenchGenerator.NAME)
                .append("`) needs no download. Each **family** is a procedural rule over small lexicons; it yields one task per\n")
                .append("collection in its list (`bench.tasksPerFamily` of them, default ").append(perFamily)
                .append(", taken in list order and wrapping around\nwith a `_2`, `_3` suffix). ")
                .append("All tasks of a family share its **data source** and its instances, like one dataset appearing in\n")
                .append("several collections of OPT-IML Bench (§2.1); splits treat the data source as the unit of leakage control.\n\n")
                .append("Everything is short (inputs up to about 50 characters, answers up to about 35, definitions up to 120) so that a\n")
                .append("tiny byte-level transformer trained from scratch for minutes can learn the rules. Held-out instances are new\n")
                .append("combinations of lexicon words seen in training, never unseen words. Closed-label families cycle their labels,\n")
                .append("so classes are balanced and above-chance accuracy needs the rule.\n\n")
                .append("Totals: ").append(families.size()).append(" families, ")
                .append(families.stream().map(TaskFamily::category).distinct().count()).append(" categories, ")
                .append(families.size() * perFamily).append(" tasks with the default spec.\n\n");

        md.append("## How each collection phrases a task\n\n")
                .append("| collection | style | instruction |\n|---|---|---|\n")
                .append("| supernatural | TASK_LEVEL | the family's definition, 5 positive examples and 1 negative example |\n")
                .append("| reasoning | TASK_LEVEL | definition + \" Explain step by step.\"; targets are rationales ending \"So the answer is X.\" (metric ROUGE_L) |\n")
                .append("| promptsource | INSTANCE_LEVEL | 3 templates around `{input}` built from the family's question |\n")
                .append("| flan | INSTANCE_LEVEL | 4 templates; classification templates list the OPTIONS |\n")
                .append("| crossfit, exmix | KEYWORD | the family's one hand-written question sentence |\n")
                .append("| t5 | KEYWORD | a keyword prefix such as `sentiment:` |\n")
                .append("| unifiedskg | KEYWORD | the question sentence; inputs are linearized structures (`col: name \\| age row 1: ...`) |\n\n")
                .append("Every task carries 5 positive demonstrations drawn apart from its instances (for k-shot prompts).\n\n");

        Map<String, List<TaskFamily>> byCategory = new TreeMap<>();
        families.forEach(f -> byCategory.computeIfAbsent(f.category(), c -> new ArrayList<>()).add(f));
        md.append("## Families by category\n\n");
        for (Map.Entry<String, List<TaskFamily>> entry : byCategory.entrySet()) {
            md.append("### ").append(entry.getKey()).append("\n\n");
            for (TaskFamily family : entry.getValue()) {
                FamilyExample example = family.sampler().sample(new Random(StableSeeds.derive(7, family.id(), "doc")), 0);
                md.append("#### `").append(family.id()).append("`\n\n")
                        .append("- rule: ").append(family.rule()).append("\n")
                        .append("- data source: `").append(family.dataSource()).append("`\n")
                        .append("- metric: ").append(family.metric());
                if (family.closedLabel()) {
                    md.append(" over ").append(String.join(" / ", family.labels()));
                }
                md.append("\n- collections: ");
                List<String> collections = new ArrayList<>();
                for (int i = 0; i < family.collections().size(); i++) {
                    String c = family.collections().get(i);
                    collections.add(i < perFamily ? "**" + c + "**" : c);
                }
                md.append(String.join(", ", collections)).append(" (bold: made with the default spec)\n")
                        .append("- definition: ").append(family.definition()).append("\n")
                        .append("- question / keyword: ").append(family.question()).append(" / `").append(family.keyword()).append(":`\n")
                        .append("- example: `").append(example.input()).append("` → `").append(example.answer()).append("`\n");
                if (!example.rationale().isEmpty()) {
                    md.append("- reasoning target: `").append(example.reasoningTarget()).append("`\n");
                }
                md.append("\n");
            }
        }

        md.append("## Pools\n\n")
                .append("Kept apart from the tasks, with their own vocabulary, and sized `max(50, instancesPerTask)`:\n\n");
        for (PoolKind kind : PoolKind.values()) {
            TextExample example = MiniPools.generate(kind, 7, 1).get(0);
            md.append("- ").append(kind).append(": ");
            if (!example.source().isEmpty()) {
                md.append("`").append(example.source()).append("` → ");
            }
            md.append("`").append(example.target()).append("`\n");
        }
        SplitResult split = new ThreeLevelSplitter().split(new MiniBenchGenerator().generate(BenchSpec.defaults()).tasks(), QUICKSTART_SPLIT);
        md.append("\n## Suggested quickstart split\n\n")
                .append("After the dev split of OPT-IML Table 15 (Word Analogy and Cause Effect fully held out; Toxic Language Detection,\n")
                .append("Summarization and reasoning partially held out), while 12 of 14 categories and all 8 collections still train:\n\n")
                .append("```yaml\nsplits:\n  seed: ").append(QUICKSTART_SPLIT.seed()).append("\n")
                .append("  heldOutCategories: [").append(String.join(", ", QUICKSTART_SPLIT.heldOutCategories())).append("]  # level 1\n")
                .append("  partiallyHeldOutCategories: [").append(String.join(", ", QUICKSTART_SPLIT.partiallyHeldOutCategories())).append("]  # level 2\n")
                .append("  heldOutTasksPerCategory: ").append(QUICKSTART_SPLIT.heldOutTasksPerCategory()).append("\n")
                .append("  heldOutInstanceFraction: ").append(QUICKSTART_SPLIT.heldOutInstanceFraction()).append("\n")
                .append("  maxEvalInstancesPerTask: ").append(QUICKSTART_SPLIT.maxEvalInstancesPerTask()).append("\n```\n\n")
                .append("With the default bench this gives ").append(split.trainTaskCount()).append(" training tasks, ")
                .append(split.evalTaskCount(GeneralizationLevel.LEVEL1)).append(" level-1, ")
                .append(split.evalTaskCount(GeneralizationLevel.LEVEL2)).append(" level-2 and ")
                .append(split.evalTaskCount(GeneralizationLevel.LEVEL3)).append(" level-3 tasks, and excludes ")
                .append(split.excludedTasks().size()).append(" tasks. Level 2 holds out the families ")
                .append(String.join(", ", split.evalTasks(GeneralizationLevel.LEVEL2).stream()
                        .map(t -> "`" + t.metadata().get("family") + "`").distinct().toList()))
                .append(". A Mathematics family held out at level 2 keeps its Reasoning variant, so the chain-of-thought pool\n")
                .append("has held-out arithmetic to help with (the quickstart's CoT-share grid).\n\n")
                .append("Level 2 holds out whole data sources, so a partially held-out category loses every variant of a family.\n")
                .append("`table_qa` (Question Answering) and `record_to_text` (Data to Text) share the data source `mini_people_tables`:\n")
                .append("if one of them is held out, the other is excluded from training and listed in `bench.json` under `excluded`.\n");
        return md.toString();
    }
}
