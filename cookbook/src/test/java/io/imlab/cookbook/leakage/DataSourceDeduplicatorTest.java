package io.imlab.cookbook.leakage;

import io.imlab.cookbook.task.Collections;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.InstructionStyle;
import io.imlab.cookbook.task.MetricKind;
import io.imlab.cookbook.task.Task;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DataSourceDeduplicatorTest {
    @Test
    void dropsKeywordTasksWhoseSourceAppearsInAnotherCollectionOnly() {
        List<Task> tasks = List.of(
                task("ni_squad", Collections.SUPER_NATURAL_INSTRUCTIONS, "squad"),
                task("ps_squad", Collections.PROMPTSOURCE, "SQuAD"),           // non-keyword duplicates are kept
                task("crossfit_squad", Collections.CROSSFIT, "squad"),
                task("t5_squad", Collections.T5, "squad"),
                task("exmix_cogs", Collections.EXMIX, "cogs"),
                task("t5_wmt14_ende", Collections.T5, "wmt14 ende"),
                task("crossfit_wmt14", Collections.CROSSFIT, "wmt14_ende"),    // keyword vs keyword: both dropped
                task("t5_cnn", Collections.T5, "cnn_dailymail"),
                task("ps_cnn", Collections.PROMPTSOURCE, "cnn_dailymail"));
        DataSourceDeduplicator.Result result = new DataSourceDeduplicator().deduplicate(tasks);
        assertThat(result.dropped()).extracting(DataSourceDeduplicator.DroppedTask::task)
                .containsExactly("crossfit_squad", "t5_squad", "t5_wmt14_ende", "crossfit_wmt14");
        assertThat(result.dropped().get(0).alsoIn()).containsExactly("promptsource", "supernatural", "t5");
        assertThat(result.kept()).extracting(Task::name).containsExactly("ni_squad", "ps_squad", "exmix_cogs", "t5_cnn", "ps_cnn");
    }

    @Test
    void findsDataSourcesSharedByTrainAndEvalTasks() {
        Task train = task("train_rte", Collections.SUPER_NATURAL_INSTRUCTIONS, "rte");
        Task evalLeak = task("eval_rte", Collections.PROMPTSOURCE, "RTE");
        Task evalClean = task("eval_copa", Collections.PROMPTSOURCE, "copa");
        assertThat(DataSourceDeduplicator.sharedDataSources(List.of(train), List.of(evalLeak, evalClean, train)))
                .isEqualTo(Map.of("rte", List.of("eval_rte")));
    }

    private static Task task(String name, String collection, String source) {
        return new Task(name, collection, "Misc.", source, InstructionStyle.KEYWORD, "Do it.", List.of(), List.of(), List.of(),
                MetricKind.ROUGE_L, List.of(new Instance("1", "in", List.of("out"), List.of())), null);
    }
}
