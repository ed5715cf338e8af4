package io.imlab.cookbook.bench;

/**
 * A task whose instances were cut to the per-task cap by a seeded random sample (OPT-IML §2.2: at most 100k
 * examples per task, 30k for FLAN).
 *
 * @param name       the task
 * @param collection its collection
 * @param before     instances read
 * @param after      instances kept
 */
public record CappedTask(String name, String collection, int before, int after) {
}
