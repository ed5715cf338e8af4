package io.imlab.cookbook.bench;

import io.imlab.cookbook.spec.BenchSpec;
import io.imlab.cookbook.task.Collections;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.InstructionStyle;
import io.imlab.cookbook.task.MetricKind;
import io.imlab.cookbook.task.PoolKind;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.task.Template;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MiniBenchGeneratorTest {
    private static Bench bench;

    @BeforeAll
    static void generateDefaultBench() {
        bench = new MiniBenchGenerator().generate(BenchSpec.defaults());
    }

    @Test
    void sameSeedGivesAnEqualBench() {
        Bench again = new MiniBenchGenerator().generate(BenchSpec.defaults());
        assertThat(again).isEqualTo(bench);
    }

    @Test
    void anotherSeedGivesOtherInstances() {
        BenchSpec other = new BenchSpec("mini", 8, 3, 300);
        Bench different = new MiniBenchGenerator().generate(other);
        assertThat(different.tasks()).extracting(Task::name).isEqualTo(bench.tasks().stream().map(Task::name).toList());
        long tasksWithOtherInstances = 0;
        for (int i = 0; i < bench.tasks().size(); i++) {
            if (!bench.tasks().get(i).instances().equals(different.tasks().get(i).instances())) {
                tasksWithOtherInstances++;
            }
        }
        assertThat(tasksWithOtherInstances).isEqualTo(bench.tasks().size());
        assertThat(different.pool(PoolKind.COT)).isNotEqualTo(bench.pool(PoolKind.COT));
    }

    @Test
    void meetsTheIssueMinimums() {
        assertThat(bench.name()).isEqualTo(MiniBenchGenerator.NAME);
        assertThat(bench.tasks()).hasSizeGreaterThanOrEqualTo(100);
        assertThat(bench.tasks().stream().map(Task::collection).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(Collections.KNOWN);
        assertThat(bench.tasks().stream().map(Task::category).distinct().count()).isGreaterThanOrEqualTo(12);
        assertThat(bench.tasks().stream().map(Task::metric).collect(Collectors.toSet()))
                .contains(MetricKind.ACCURACY, MetricKind.ROUGE_L, MetricKind.EXACT_MATCH);
        for (PoolKind kind : PoolKind.values()) {
            assertThat(bench.pool(kind)).as("pool %s", kind).hasSizeGreaterThanOrEqualTo(200);
        }
        assertThat(bench.tasks()).extracting(Task::name).doesNotHaveDuplicates();
    }

    @Test
    void everyCollectionPhrasesItsInstructionsInItsOwnStyle() {
        for (Task task : bench.tasks()) {
            switch (task.collection()) {
                case Collections.SUPER_NATURAL_INSTRUCTIONS -> {
                    assertThat(task.style()).isEqualTo(InstructionStyle.TASK_LEVEL);
                    assertThat(task.definition()).isNotBlank();
                    assertThat(task.positiveExamples()).isNotEmpty();
                    assertThat(task.templates()).isEmpty();
                }
                case Collections.REASONING -> {
                    assertThat(task.style()).isEqualTo(InstructionStyle.TASK_LEVEL);
                    assertThat(task.instances()).allSatisfy(i -> assertThat(i.target()).matches(".+ So the answer is .+\\."));
                    assertThat(task.positiveExamples()).allSatisfy(d -> assertThat(d.output()).contains("So the answer is"));
                }
                case Collections.PROMPTSOURCE, Collections.FLAN -> {
                    assertThat(task.style()).isEqualTo(InstructionStyle.INSTANCE_LEVEL);
                    assertThat(task.templates()).hasSizeGreaterThanOrEqualTo(3);
                    assertThat(task.templates()).allSatisfy(t -> assertThat(t.pattern()).contains(Template.INPUT_PLACEHOLDER));
                    assertThat(task.definition()).isEmpty();
                }
                case Collections.T5 -> {
                    assertThat(task.style()).isEqualTo(InstructionStyle.KEYWORD);
                    assertThat(task.definition()).endsWith(":").doesNotContain(" ".repeat(2)).hasSizeLessThan(20);
                }
                case Collections.UNIFIED_SKG -> {
                    assertThat(task.style()).isEqualTo(InstructionStyle.KEYWORD);
                    assertThat(task.instances()).allSatisfy(i -> assertThat(i.input()).contains(" | "));
                }
                default -> {
                    assertThat(task.style()).isEqualTo(InstructionStyle.KEYWORD);
                    assertThat(task.definition()).endsWith("?").doesNotContain("\n");
                }
            }
        }
        Set<InstructionStyle> styles = bench.tasks().stream().map(Task::style).collect(Collectors.toSet());
        assertThat(styles).containsExactlyInAnyOrder(InstructionStyle.values());
        assertThat(bench.tasks()).anySatisfy(t -> assertThat(t.negativeExamples()).isNotEmpty());
    }

    @Test
    void everythingIsShortEnoughForATinyByteModel() {
        for (Task task : bench.tasks()) {
            assertThat(task.definition()).as(task.name()).hasSizeLessThanOrEqualTo(120);
            assertThat(task.templates()).allSatisfy(t -> assertThat(t.pattern()).as(task.name()).hasSizeLessThanOrEqualTo(100));
            boolean reasoning = task.collection().equals(Collections.REASONING);
            for (Instance instance : task.instances()) {
                assertThat(instance.input()).as(task.name()).hasSizeLessThanOrEqualTo(50);
                assertThat(instance.target()).as(task.name()).hasSizeLessThanOrEqualTo(reasoning ? 100 : 40);
            }
        }
        long shortAnswerTasks = bench.tasks().stream()
                .filter(t -> t.instances().stream().allMatch(i -> i.target().length() <= 20)).count();
        assertThat(shortAnswerTasks).isGreaterThan(bench.tasks().size() * 3 / 4);
        for (PoolKind kind : PoolKind.values()) {
            assertThat(bench.pool(kind)).allSatisfy(e -> assertThat(e.source().length() + e.target().length()).isLessThanOrEqualTo(120));
        }
    }

    @Test
    void closedLabelTasksCarryBalancedCandidates() {
        List<Task> closed = bench.tasks().stream().filter(Task::closedLabel).toList();
        assertThat(closed).hasSizeGreaterThanOrEqualTo(20);
        for (Task task : closed) {
            List<String> candidates = task.instances().get(0).candidates();
            assertThat(candidates).as(task.name()).hasSizeBetween(2, 4);
            Map<String, Long> counts = task.instances().stream()
                    .peek(i -> assertThat(i.candidates()).isEqualTo(candidates).contains(i.target()))
                    .collect(Collectors.groupingBy(Instance::target, Collectors.counting()));
            assertThat(counts.keySet()).as(task.name()).containsExactlyInAnyOrderElementsOf(candidates);
            long min = counts.values().stream().mapToLong(Long::longValue).min().orElseThrow();
            long max = counts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            assertThat(max - min).as("label balance of %s", task.name()).isLessThanOrEqualTo(1);
        }
        assertThat(bench.tasks().stream().filter(t -> !t.closedLabel()))
                .allSatisfy(t -> assertThat(t.instances()).allSatisfy(i -> assertThat(i.candidates()).isEmpty()));
    }

    @Test
    void variantsOfAFamilyShareTheirDataSourceAndInputs() {
        Map<String, List<Task>> byFamily = bench.tasks().stream().collect(Collectors.groupingBy(t -> t.metadata().get("family")));
        assertThat(byFamily).hasSize(TaskFamilies.all().size());
        for (List<Task> variants : byFamily.values()) {
            assertThat(variants).hasSize(BenchSpec.defaults().tasksPerFamily());
            assertThat(variants.stream().map(Task::dataSource).distinct()).hasSize(1);
            assertThat(variants.stream().map(Task::collection).distinct()).hasSize(variants.size());
            List<String> inputs = variants.get(0).instances().stream().map(Instance::input).toList();
            assertThat(variants).allSatisfy(v -> assertThat(v.instances().stream().map(Instance::input).toList()).isEqualTo(inputs));
        }
    }

    @Test
    void inputsAreUniqueWithinATaskAndDemonstrationsAreNeverInstances() {
        for (Task task : bench.tasks()) {
            Set<String> inputs = new HashSet<>();
            assertThat(task.instances()).allSatisfy(i -> assertThat(inputs.add(i.input())).as("%s: %s", task.name(), i.input()).isTrue());
            assertThat(task.instances().stream().map(Instance::id).collect(Collectors.toSet())).hasSize(task.instances().size());
            assertThat(task.positiveExamples()).allSatisfy(d -> assertThat(inputs).doesNotContain(d.input()));
            assertThat(task.instances()).as(task.name()).hasSizeGreaterThanOrEqualTo(80);
        }
    }

    @Test
    void moreVariantsThanCollectionsWrapAroundWithASuffix() {
        Bench big = new MiniBenchGenerator().generate(new BenchSpec("mini", 1, 5, 20));
        assertThat(big.tasks()).hasSize(TaskFamilies.all().size() * 5);
        assertThat(big.tasks()).extracting(Task::name).contains("supernatural_add_numbers_2", "flan_add_numbers_2")
                .doesNotHaveDuplicates();
        Map<String, Task> byName = big.tasks().stream().collect(Collectors.toMap(Task::name, Function.identity()));
        assertThat(byName.get("supernatural_add_numbers_2").instances()).hasSize(20);
    }

    @Test
    void rejectsAnInvalidSpecNamingEveryField() {
        assertThatThrownBy(() -> new MiniBenchGenerator().generate(new BenchSpec("natinst", 1, 0, -1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bench.source")
                .hasMessageContaining("bench.tasksPerFamily")
                .hasMessageContaining("bench.instancesPerTask");
    }
}
