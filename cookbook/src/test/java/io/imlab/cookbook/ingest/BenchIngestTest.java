package io.imlab.cookbook.ingest;

import io.imlab.cookbook.leakage.DataSourceDeduplicator;
import io.imlab.cookbook.task.Collections;
import io.imlab.cookbook.task.PoolKind;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.taxonomy.Taxonomy;
import io.imlab.cookbook.taxonomy.UnknownCategoryException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchIngestTest {
    private static final Path FIXTURES = Path.of("src/test/resources/ingest");

    @Test
    void buildsOneBenchFromEveryAdapterAndDropsKeywordTasksWhoseSourceAppearsElsewhere() {
        BenchIngest.Result result = new BenchIngest(Taxonomy.load())
                .addSuperNaturalInstructions(FIXTURES.resolve("superni/good"))
                .addPromptSource(FIXTURES.resolve("promptsource/bad/render_failure_templates.yaml"),
                        FIXTURES.resolve("promptsource/super_glue_rte.jsonl"), false)
                .addSeq2SeqExport(FIXTURES.resolve("seq2seq/crossfit_glue_mnli.yaml"))
                .addSeq2SeqExport(FIXTURES.resolve("seq2seq/flan_glue_mnli.yaml"))
                .addSeq2SeqExport(FIXTURES.resolve("seq2seq/t5_cnn_dailymail.yaml"))
                .addSeq2SeqExport(FIXTURES.resolve("seq2seq/flan_cnn_dailymail.yaml"))
                .addSeq2SeqExport(FIXTURES.resolve("seq2seq/exmix_cogs.yaml"))
                .addPool(PoolKind.DIALOGUE, FIXTURES.resolve("pools/dialogue.jsonl"))
                .addPool(PoolKind.PLAIN_TEXT, FIXTURES.resolve("pools/plain.jsonl"))
                .build("fixture-bench");

        // CrossFit's glue/mnli is also in FLAN ("GLUE/MNLI" normalizes alike): dropped (OPT-IML App. A.1).
        assertThat(result.dropped()).containsExactly(new DataSourceDeduplicator.DroppedTask(
                "crossfit_crossfit_glue_mnli", Collections.CROSSFIT, "glue/mnli", java.util.List.of(Collections.FLAN)));
        // T5's CNN/DM is kept despite FLAN's copy, as in the paper; ExMix's COGS appears nowhere else.
        assertThat(result.bench().tasks()).extracting(Task::name).containsExactly(
                "task9001_fixture_entailment_classification", "task9002_fixture_summary_generation",
                "promptsource_super_glue_rte", "flan_flan_glue_mnli", "t5_cnn_dailymail_v002",
                "flan_flan_cnn_dailymail", "exmix_exmix_cogs");
        assertThat(result.renderReports()).hasSize(1);
        assertThat(result.bench().pool(PoolKind.DIALOGUE)).hasSize(2);
        assertThat(result.bench().pool(PoolKind.PLAIN_TEXT)).hasSize(2);
    }

    @Test
    void chainOfThoughtFilesFeedThePoolAndReasoningTasks() {
        Path gsm8k = SharedData.require("cot", "gsm8k", "test.jsonl");
        BenchIngest.Result result = new BenchIngest(Taxonomy.load())
                .addChainOfThought(gsm8k, true)
                .addChainOfThought(gsm8k.getParent().getParent().resolve("flan_v2_cot/strategyqa_train.tsv"), true)
                .build("cot");
        assertThat(result.bench().pool(PoolKind.COT)).hasSize(1319 + 2061);
        assertThat(result.bench().tasks()).extracting(Task::name).containsExactly("cot_gsm8k", "cot_strategyqa");
        assertThat(result.bench().tasks()).extracting(Task::category).containsOnly("Reasoning");
    }

    @Test
    void duplicateTaskNamesFailNamingBothFiles() {
        BenchIngest ingest = new BenchIngest(Taxonomy.load())
                .addSuperNaturalInstructions(FIXTURES.resolve("superni/good"))
                .addSuperNaturalInstructions(FIXTURES.resolve("superni/duplicate"));
        assertThatThrownBy(() -> ingest.build("dup"))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("superni/duplicate/task9001_fixture_entailment_classification.json: name: "
                        + "duplicate task name 'task9001_fixture_entailment_classification' (first read from ")
                .hasMessageContaining("superni/good/task9001_fixture_entailment_classification.json");
    }

    @Test
    void unknownCategoriesFromEveryCollectionAreListedAtOnce() {
        BenchIngest ingest = new BenchIngest(Taxonomy.load())
                .addSuperNaturalInstructions(FIXTURES.resolve("superni/unknown-category"))
                .addSeq2SeqExport(FIXTURES.resolve("seq2seq/unknown_category.yaml"))
                .addPromptSource(FIXTURES.resolve("promptsource/bad/unknown_dataset_templates.yaml"),
                        FIXTURES.resolve("promptsource/unknown_dataset.jsonl"), false);
        assertThatThrownBy(() -> ingest.build("unknown"))
                .isInstanceOf(UnknownCategoryException.class)
                .hasMessageContaining("4 unknown category tags")
                .hasMessageContaining("'Vibe Detection'")
                .hasMessageContaining("'Horoscope Writing'")
                .hasMessageContaining("'classification/astrology'")
                .hasMessageContaining("'my_private_corpus'");
    }
}
