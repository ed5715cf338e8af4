package io.imlab.cookbook.bench;

import io.imlab.cookbook.task.PoolKind;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.task.TextExample;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A benchmark in memory: tasks in the unified model plus the extra pools recipes mix in by share.
 * Large benches are streamed task by task from disk instead (see {@code BenchReader}).
 *
 * @param name  human-readable name, e.g. {@code mini-v1}
 * @param tasks all tasks, each with all of its instances (splits are applied later)
 * @param pools chain-of-thought, dialogue and plain-text examples, by kind
 */
public record Bench(String name, List<Task> tasks, Map<PoolKind, List<TextExample>> pools) {
    public Bench {
        tasks = List.copyOf(tasks);
        EnumMap<PoolKind, List<TextExample>> copy = new EnumMap<>(PoolKind.class);
        for (PoolKind kind : PoolKind.values()) {
            copy.put(kind, List.copyOf(pools.getOrDefault(kind, List.of())));
        }
        pools = java.util.Collections.unmodifiableMap(copy);
    }

    public List<TextExample> pool(PoolKind kind) {
        return pools.get(kind);
    }
}
