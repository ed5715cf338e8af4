package io.imlab.cookbook.mixture;

import io.imlab.cookbook.task.Demonstration;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.InstructionStyle;
import io.imlab.cookbook.task.MetricKind;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.task.Template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small hand-built tasks for mixture and evaluation tests. */
public final class TaskFixtures {
    private TaskFixtures() {
    }

    /** {@code count} generation instances {@code <name>-i} with input {@code in-<name>-i}, output {@code out-<name>-i}. */
    public static List<Instance> instances(String name, int count) {
        List<Instance> instances = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            instances.add(new Instance(name + "-" + i, "in-" + name + "-" + i, List.of("out-" + name + "-" + i), List.of()));
        }
        return instances;
    }

    public static Task taskLevel(String name, String collection, String category, String definition, int count) {
        return new Task(name, collection, category, name + "-source", InstructionStyle.TASK_LEVEL, definition,
                List.of(), List.of(), List.of(), MetricKind.ROUGE_L, instances(name, count), Map.of());
    }

    public static Task instanceLevel(String name, String collection, String category, List<String> patterns, int count) {
        List<Template> templates = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            templates.add(new Template("t" + i, patterns.get(i), true));
        }
        return new Task(name, collection, category, name + "-source", InstructionStyle.INSTANCE_LEVEL, "",
                templates, List.of(), List.of(), MetricKind.ROUGE_L, instances(name, count), Map.of());
    }

    public static Task keyword(String name, String collection, String category, String sentence, int count) {
        return new Task(name, collection, category, name + "-source", InstructionStyle.KEYWORD, sentence,
                List.of(), List.of(), List.of(), MetricKind.ROUGE_L, instances(name, count), Map.of());
    }

    public static Task withPositives(Task task, List<Demonstration> positives) {
        return new Task(task.name(), task.collection(), task.category(), task.dataSource(), task.style(),
                task.definition(), task.templates(), positives, task.negativeExamples(), task.metric(),
                task.instances(), task.metadata());
    }

    public static Task withMetric(Task task, MetricKind metric, List<Instance> instances) {
        return new Task(task.name(), task.collection(), task.category(), task.dataSource(), task.style(),
                task.definition(), task.templates(), task.positiveExamples(), task.negativeExamples(), metric,
                instances, task.metadata());
    }
}
