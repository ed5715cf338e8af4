package io.imlab.cookbook.bench;

/**
 * A task read from a collection but left out of the bench before the split, because its data source appears
 * in another collection (OPT-IML §2.1: only keyword-collection tasks "that do not appear in any other
 * benchmarks" are kept).
 *
 * @param name       the task
 * @param collection its collection
 * @param dataSource its data source
 * @param reason     why, naming the other collections
 */
public record DroppedTask(String name, String collection, String dataSource, String reason) {
}
