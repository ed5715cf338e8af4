package io.imlab.workflows.payload;

/**
 * A written report.
 *
 * @param uri            report folder
 * @param resultsJsonUri machine-readable results
 * @param resultsCsvUri  one row per experiment (or grid cell) and level/shots score
 * @param htmlUri        the human-readable page (self-contained: inline styles and SVG charts)
 * @param chartPngUri    the report's main chart as a PNG, for terminals and READMEs; null in older reports
 */
public record ReportRef(String uri, String resultsJsonUri, String resultsCsvUri, String htmlUri, String chartPngUri) {

    /** A report without a PNG chart. */
    public ReportRef(String uri, String resultsJsonUri, String resultsCsvUri, String htmlUri) {
        this(uri, resultsJsonUri, resultsCsvUri, htmlUri, null);
    }
}
