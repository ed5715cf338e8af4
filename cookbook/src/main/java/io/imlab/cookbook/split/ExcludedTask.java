package io.imlab.cookbook.split;

/**
 * A task that is neither trained on nor evaluated, because its data source also feeds a held-out
 * evaluation task (the source-level leakage rule, OPT-IML §2.3).
 *
 * @param name       the task's name
 * @param dataSource the shared data source
 * @param reason     which held-out task it shares the source with
 */
public record ExcludedTask(String name, String dataSource, String reason) {
}
