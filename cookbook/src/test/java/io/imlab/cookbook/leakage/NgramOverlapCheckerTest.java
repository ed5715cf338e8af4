package io.imlab.cookbook.leakage;

import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.InstructionStyle;
import io.imlab.cookbook.task.MetricKind;
import io.imlab.cookbook.task.Task;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NgramOverlapCheckerTest {
    private static final String SHARED = "the quick brown fox jumps over the lazy dog while the farmer watches from his old red tractor";

    @Test
    void flagsAPairWhenMoreThanOnePercentOfEvalInstancesShareAThirteenGram() {
        Task train = task("train", List.of("Passage: " + SHARED.toUpperCase() + "!", "unrelated words only here"));
        List<String> evalInputs = new ArrayList<>();
        evalInputs.add("Context — " + SHARED + ", and then it rained");     // same 13+ words, other punctuation and case
        evalInputs.add("Context — " + SHARED + ".");
        for (int i = 0; i < 98; i++) {
            evalInputs.add("a completely different sentence number " + i + " about cooking pasta with fresh basil and olive oil today");
        }
        LeakageReport report = NgramOverlapChecker.check(List.of(train), List.of(task("eval", evalInputs)));
        assertThat(report.flagged()).containsExactly(new FlaggedPair("train", "eval", 2, 100, 0.02));
    }

    @Test
    void doesNotFlagAtOrBelowTheThresholdOrOnShorterSharedRuns() {
        Task train = task("train", List.of(SHARED));
        List<String> inputs = new ArrayList<>();
        inputs.add(SHARED);                                   // 1 of 100 = 1%: not above 1%
        inputs.add("the quick brown fox jumps over the lazy dog while the"); // 11 words (+ the output: 12)
        for (int i = 0; i < 98; i++) {
            inputs.add("filler sentence " + i);
        }
        LeakageReport report = NgramOverlapChecker.check(List.of(train), List.of(task("eval", inputs)));
        assertThat(report.flagged()).isEmpty();
        assertThat(report.evalInstances()).isEqualTo(100);
    }

    @Test
    void theSameTaskOnBothSidesIsNotALeak() {
        Task seen = task("level3", List.of(SHARED));
        assertThat(NgramOverlapChecker.check(List.of(seen), List.of(seen)).flagged()).isEmpty();
    }

    @Test
    void countsAnInstanceOncePerTrainTaskAndEveryTrainTaskSeparately() {
        Task a = task("a", List.of(SHARED));
        Task b = task("b", List.of(SHARED + " " + SHARED));
        Task eval = task("eval", List.of(SHARED + " " + SHARED, "nothing shared here at all"));
        LeakageReport report = NgramOverlapChecker.check(List.of(a, b), List.of(eval));
        assertThat(report.flagged()).containsExactlyInAnyOrder(
                new FlaggedPair("a", "eval", 1, 2, 0.5), new FlaggedPair("b", "eval", 1, 2, 0.5));
    }

    @Test
    void evalTasksMustComeFirst() {
        NgramOverlapChecker checker = new NgramOverlapChecker();
        checker.addEvalTask(task("e", List.of(SHARED)));
        assertThat(checker.checkTrainTask(task("a", List.of(SHARED)))).hasSize(1);
        assertThatThrownBy(() -> checker.addEvalTask(task("f", List.of(SHARED)))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void hasherIgnoresCaseAndPunctuationAndRollsOverTexts() {
        NgramHasher hasher = new NgramHasher(3);
        assertThat(hasher.hash("One, two; THREE four")).isEqualTo(2);
        long first = hasher.hash(0);
        assertThat(hasher.hash("one two", "three")).isEqualTo(1);
        assertThat(hasher.hash(0)).isEqualTo(first);
        assertThat(hasher.hash("one two")).isZero();
    }

    @Test
    void compactMapKeepsEachIdOncePerKeyAcrossGrowth() {
        LongToIntListMap map = new LongToIntListMap(4);
        for (int id = 0; id < 3; id++) {
            for (long key = 0; key < 10_000; key++) {
                map.add(NgramHasher.mix(key), id);
                map.add(NgramHasher.mix(key), id);
            }
        }
        assertThat(map.size()).isEqualTo(10_000);
        assertThat(map.pairs()).isEqualTo(30_000);
        List<Integer> ids = new ArrayList<>();
        for (int node = map.head(NgramHasher.mix(1234)); node >= 0; node = map.next(node)) {
            ids.add(map.value(node));
        }
        assertThat(ids).containsExactly(2, 1, 0);
        assertThat(map.head(NgramHasher.mix(99_999))).isEqualTo(-1);
    }

    private static Task task(String name, List<String> inputs) {
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            instances.add(new Instance(name + "-" + i, inputs.get(i), List.of("x"), List.of()));
        }
        return new Task(name, "supernatural", "Misc.", name + "-source", InstructionStyle.TASK_LEVEL, "Do it.",
                List.of(), List.of(), List.of(), MetricKind.ROUGE_L, instances, null);
    }
}
