package io.imlab.cookbook.ingest;

import io.imlab.cookbook.task.Collections;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.task.TextExample;
import io.imlab.cookbook.taxonomy.CategoryResolver;
import io.imlab.cookbook.taxonomy.Taxonomy;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChainOfThoughtReaderTest {
    private static final Path FIXTURES = Path.of("src/test/resources/ingest/cot");

    @Test
    void gsm8kRationalesLoseCalculatorAnnotationsAndEndWithTheAnswer() {
        Path file = SharedData.require("cot", "gsm8k", "test.jsonl");
        List<TextExample> examples = ChainOfThoughtReader.readGsm8k(file);
        assertThat(examples).hasSize(1319);
        TextExample janet = examples.get(0);
        assertThat(janet.source()).startsWith("Janet\u2019s ducks lay 16 eggs per day.");
        assertThat(janet.target()).isEqualTo("Janet sells 16 - 3 - 4 = 9 duck eggs a day. "
                + "She makes 9 * 2 = $18 every day at the farmer\u2019s market. So the answer is 18.");
        assertThat(examples).allSatisfy(e -> {
            assertThat(e.target()).doesNotContain("<<", ">>", "####").containsPattern("So the answer is .+\\.$");
        });
    }

    @Test
    void flanCotTsvsBecomeRationaleThenAnswer() {
        Path strategyQa = SharedData.require("cot", "flan_v2_cot", "strategyqa_train.tsv");
        List<TextExample> strategy = ChainOfThoughtReader.readFlanCotTsv(strategyQa);
        assertThat(strategy).hasSize(2061);
        assertThat(strategy.get(1).source()).isEqualTo("Could the members of The Police perform lawful arrests?");
        assertThat(strategy.get(1).target()).isEqualTo("The members of The Police were musicians, not law enforcement officers. "
                + "Only law enforcement officers can perform lawful arrests. So the answer is no.");

        List<TextExample> qasc = ChainOfThoughtReader.readFlanCotTsv(strategyQa.resolveSibling("qasc_train.tsv"));
        assertThat(qasc).hasSize(1084);
        // The TSV escapes newlines in the options list.
        assertThat(qasc.get(0).source()).contains("\nOptions:\n- (A) DNA").doesNotContain("\\n");
        assertThat(qasc.get(0).target()).endsWith("So the answer is (D).");
    }

    @Test
    void reasoningTaskKeepsTheBareAnswerAsSecondReference() {
        List<TextExample> examples = List.of(new TextExample("2 + 2?", "Two and two make four. So the answer is 4."));
        CategoryResolver resolver = new CategoryResolver(Taxonomy.load());
        Task task = ChainOfThoughtReader.asTask("cot_fixture", "gsm8k", "gsm8k", "fixture", examples, resolver);
        resolver.failOnUnknownTags();
        assertThat(task.collection()).isEqualTo(Collections.REASONING);
        assertThat(task.category()).isEqualTo("Reasoning");
        assertThat(task.instances().get(0).outputs()).containsExactly("Two and two make four. So the answer is 4.", "4");
    }

    @Test
    void badRowsNameFileLineAndField() {
        assertThatThrownBy(() -> ChainOfThoughtReader.readGsm8k(FIXTURES.resolve("gsm8k_bad.jsonl")))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("gsm8k_bad.jsonl:2: answer: no '#### <answer>' line");
        assertThatThrownBy(() -> ChainOfThoughtReader.readFlanCotTsv(FIXTURES.resolve("cot_bad.tsv")))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("cot_bad.tsv:2: question\\tanswer\\trationale: expected 3 tab-separated fields, found 2");
    }
}
