package io.imlab.workflows.payload;

/**
 * A written report.
 *
 * @param uri            report folder
 * @param resultsJsonUri machine-readable results
 * @param resultsCsvUri  one row per experiment (or grid cell) and level/shots score
 * @param htmlUri        the human-readable page
 */
public record ReportRef(String uri, String resultsJsonUri, String resultsCsvUri, String htmlUri) {
}
