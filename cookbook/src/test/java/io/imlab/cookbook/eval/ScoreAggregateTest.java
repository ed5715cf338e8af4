package io.imlab.cookbook.eval;

import io.imlab.cookbook.task.MetricKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScoreAggregateTest {
    private static TaskScore task(String name, String collection, String category, String dataSource, String group,
                                  double score) {
        return new TaskScore(name, collection, category, dataSource, group, MetricKind.ACCURACY, 10, score);
    }

    @Test
    void subtypesThenDataSourcesThenCategoriesThenTheLevel() {
        List<TaskScore> tasks = List.of(
                // MMLU-like: three subjects of one parent task in one collection -> (0.2 + 0.4 + 0.9) / 3 = 0.5
                task("mmlu_algebra", "flan", "qa", "mmlu", "mmlu", 0.2),
                task("mmlu_law", "flan", "qa", "mmlu", "mmlu", 0.4),
                task("mmlu_history", "flan", "qa", "mmlu", "mmlu", 0.9),
                // One dataset (race) in two collections -> one data source: (0.6 + 1.0) / 2 = 0.8
                task("race_ps", "promptsource", "qa", "race", "race_ps", 0.6),
                task("race_sni", "supernatural", "qa", "race", "race_sni", 1.0),
                // Another category with a single task
                task("toxic", "supernatural", "toxicity", "civil", "toxic", 0.3));

        ScoreAggregate aggregate = ScoreAggregate.of(tasks);

        assertThat(aggregate.groups()).containsOnlyKeys("flan/mmlu", "promptsource/race_ps", "supernatural/race_sni",
                "supernatural/toxic");
        assertThat(aggregate.groups().get("flan/mmlu")).isCloseTo(0.5, within(1e-12));
        assertThat(aggregate.dataSources().get("qa/race")).isCloseTo(0.8, within(1e-12));
        assertThat(aggregate.dataSources().get("qa/mmlu")).isCloseTo(0.5, within(1e-12));
        // qa = mean over its data sources (mmlu 0.5, race 0.8) = 0.65; a mean over its five tasks would be 0.62,
        // and over its three task groups 0.7.
        assertThat(aggregate.categories().get("qa")).isCloseTo(0.65, within(1e-12));
        assertThat(aggregate.categories().get("toxicity")).isCloseTo(0.3, within(1e-12));
        // level = (0.65 + 0.3) / 2
        assertThat(aggregate.level()).isCloseTo(0.475, within(1e-12));
        // Collections average their task groups: flan 0.5, promptsource 0.6, supernatural (1.0 + 0.3) / 2.
        assertThat(aggregate.collections().get("flan")).isCloseTo(0.5, within(1e-12));
        assertThat(aggregate.collections().get("supernatural")).isCloseTo(0.65, within(1e-12));
    }

    @Test
    void noTasksIsNaN() {
        assertThat(ScoreAggregate.of(List.of()).level()).isNaN();
    }
}
