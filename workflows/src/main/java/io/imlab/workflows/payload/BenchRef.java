package io.imlab.workflows.payload;

/**
 * A built benchmark in the object store.
 *
 * @param uri           folder holding the bench and its {@code manifest.json}, e.g. {@code s3://imlab/benches/<hash>/}
 * @param hash          content hash of everything that determines the bench (code format version, bench and split specs)
 * @param taskCount     all tasks in the bench
 * @param trainTasks    tasks used for training (level 3 evaluates held-out instances of some of them)
 * @param level1Tasks   evaluation tasks from fully held-out categories
 * @param level2Tasks   held-out evaluation tasks from partially held-out categories
 * @param cached        whether an existing bench with this hash was reused
 */
public record BenchRef(String uri, String hash, int taskCount, int trainTasks, int level1Tasks, int level2Tasks,
                       boolean cached) {
}
