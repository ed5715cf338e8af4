package io.imlab.cookbook.ingest;

import io.imlab.cookbook.task.Collections;
import io.imlab.cookbook.task.InstructionStyle;
import io.imlab.cookbook.task.MetricKind;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.taxonomy.CategoryResolver;
import io.imlab.cookbook.taxonomy.Taxonomy;
import io.imlab.cookbook.taxonomy.UnknownCategoryException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Seq2SeqExportReaderTest {
    private static final Path FIXTURES = Path.of("src/test/resources/ingest/seq2seq");

    private final CategoryResolver resolver = new CategoryResolver(Taxonomy.load());
    private final Seq2SeqExportReader reader = new Seq2SeqExportReader(resolver);

    @Test
    void keywordCollectionTaskCarriesItsInstructionSentenceAndCandidates() {
        Task task = reader.read(FIXTURES.resolve("crossfit_glue_mnli.yaml"));
        assertThat(task.name()).isEqualTo("crossfit_crossfit_glue_mnli");
        assertThat(task.collection()).isEqualTo(Collections.CROSSFIT);
        assertThat(task.style()).isEqualTo(InstructionStyle.KEYWORD);
        assertThat(task.definition()).isEqualTo("Does the premise entail the hypothesis?");
        assertThat(task.category()).isEqualTo("Textual Entailment");
        assertThat(task.dataSource()).isEqualTo("glue/mnli");
        assertThat(task.metric()).isEqualTo(MetricKind.ACCURACY);
        assertThat(task.instances()).hasSize(2);
        assertThat(task.instances().get(1).target()).isEqualTo("contradiction");
        assertThat(task.instances().get(1).candidates()).containsExactly("entailment", "neutral", "contradiction");
        resolver.failOnUnknownTags();
    }

    @Test
    void referencesListsExplicitMetricsAndFlanPrompts() {
        Task t5 = reader.read(FIXTURES.resolve("t5_cnn_dailymail.yaml"));
        assertThat(t5.name()).isEqualTo("t5_cnn_dailymail_v002");
        assertThat(t5.metric()).isEqualTo(MetricKind.ROUGE_L);
        assertThat(t5.instances().get(0).outputs()).containsExactly("Council approves budget.", "Budget approved after debate.");

        Task cogs = reader.read(FIXTURES.resolve("exmix_cogs.yaml"));
        assertThat(cogs.metric()).isEqualTo(MetricKind.EXACT_MATCH);
        assertThat(cogs.category()).isEqualTo("Text to Code");
        assertThat(cogs.instances().get(0).id()).isEqualTo("cogs-1");

        Task flan = reader.read(FIXTURES.resolve("flan_anli_r1.yaml"));
        assertThat(flan.style()).isEqualTo(InstructionStyle.INSTANCE_LEVEL);
        assertThat(flan.templates()).hasSize(1);
        assertThat(flan.templates().get(0).apply("x")).isEqualTo("x");
        assertThat(flan.category()).isEqualTo("Textual Entailment");
        resolver.failOnUnknownTags();
    }

    @Test
    void descriptorProblemsAreAllListedWithTheirFields() {
        assertThatThrownBy(() -> reader.read(FIXTURES.resolve("missing_instruction.yaml")))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("missing_instruction.yaml: category: expected a string, found number")
                .hasMessageContaining("missing_instruction.yaml: instruction: t5 has no natural-language instructions upstream")
                .hasMessageContaining("missing_instruction.yaml: metric: 'bleu' is not one of");
    }

    @Test
    void aMistypedRowNamesFileLineAndField() {
        assertThatThrownBy(() -> reader.read(FIXTURES.resolve("bad_rows.yaml")))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("bad_rows.jsonl:2: tgt: expected a list of strings, found number");
    }

    @Test
    void anUnknownCollectionTagIsRecorded() {
        reader.read(FIXTURES.resolve("unknown_category.yaml"));
        assertThatThrownBy(resolver::failOnUnknownTags)
                .isInstanceOf(UnknownCategoryException.class)
                .hasMessageContaining("unknown_category.yaml: category: unknown crossfit category tag 'classification/astrology'");
    }
}
