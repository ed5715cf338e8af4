package io.imlab.cookbook.ingest;

/**
 * One piece of bad input, located precisely enough to fix it.
 *
 * @param file    the input file
 * @param field   the field (a JSON pointer such as {@code /Instances/12/output}, or a YAML path)
 * @param line    1-based line in the file, 0 when unknown
 * @param message what is wrong
 */
public record IngestProblem(String file, String field, int line, String message) {
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + message;
    }
}
