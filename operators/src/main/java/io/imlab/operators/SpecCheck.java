package io.imlab.operators;

import io.imlab.cookbook.spec.SpecProblem;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A custom resource's spec after the spec loader's rules: either a loaded document or every problem found, each
 * with its field path below {@code spec}.
 *
 * @param document the loaded experiment or grid; null when there are problems
 * @param problems every problem, paths relative to the spec ({@code recipe.cotShare}); empty when valid
 * @param hash     identifies what the spec means: the content hash of the loaded document (so spelling out a
 *                 default changes nothing), or of the raw spec when it is invalid
 * @param <D>      {@code ExperimentDocument} or {@code GridDocument}
 */
public record SpecCheck<D>(D document, List<SpecProblem> problems, String hash) {
    public SpecCheck {
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /** Every problem on its own line, as {@code spec.<path>: <message>}. */
    public String describeProblems() {
        String noun = problems.size() == 1 ? "problem" : "problems";
        return problems.stream()
                .map(p -> (p.path().equals(SpecProblem.ROOT) ? "spec" : "spec." + p.path()) + ": " + p.message())
                .collect(Collectors.joining("\n", problems.size() + " " + noun + " in the spec:\n", ""));
    }
}
