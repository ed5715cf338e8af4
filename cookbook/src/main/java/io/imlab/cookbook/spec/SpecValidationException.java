package io.imlab.cookbook.spec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A spec file has problems; carries every problem found, not just the first, so a researcher fixes
 * them all in one go before anything runs.
 */
public final class SpecValidationException extends RuntimeException {
    private final String source;
    private final List<SpecProblem> problems;

    /**
     * @param source   the file (or other source name) the spec came from
     * @param problems every problem found; never empty
     */
    public SpecValidationException(String source, List<SpecProblem> problems) {
        super(render(source, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a validation exception needs at least one problem");
        }
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The file (or other source name) the spec came from. */
    public String source() {
        return source;
    }

    /** Every problem, in document order. */
    public List<SpecProblem> problems() {
        return problems;
    }

    private static String render(String source, List<SpecProblem> problems) {
        String noun = problems.size() == 1 ? "problem" : "problems";
        return problems.stream()
                .map(p -> "  " + p)
                .collect(Collectors.joining("\n", source + ": " + problems.size() + " " + noun + ":\n", ""));
    }
}
