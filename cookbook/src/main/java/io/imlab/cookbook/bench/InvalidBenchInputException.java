package io.imlab.cookbook.bench;

/**
 * A bench cannot be built from its inputs: bad files, unknown category tags, duplicate task names, a spec
 * that does not fit the data. Running the build again cannot help; the message lists every problem found.
 */
public final class InvalidBenchInputException extends IllegalArgumentException {
    public InvalidBenchInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
