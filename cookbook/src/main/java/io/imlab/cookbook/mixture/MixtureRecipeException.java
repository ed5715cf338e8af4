package io.imlab.cookbook.mixture;

import io.imlab.cookbook.spec.SpecProblem;

import java.util.List;

/**
 * A recipe that does not fit the bench it is applied to (a share for a collection without tasks, a subset
 * larger than the tasks available, an unknown task name): every problem, each with its field path.
 */
public final class MixtureRecipeException extends IllegalArgumentException {
    private final transient List<SpecProblem> problems;

    public MixtureRecipeException(List<SpecProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    public List<SpecProblem> problems() {
        return problems;
    }

    private static String message(List<SpecProblem> problems) {
        StringBuilder text = new StringBuilder("invalid mixture recipe:");
        for (SpecProblem problem : problems) {
            text.append("\n  ").append(problem.path()).append(": ").append(problem.message());
        }
        return text.toString();
    }
}
