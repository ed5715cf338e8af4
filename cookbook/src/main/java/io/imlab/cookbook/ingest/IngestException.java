package io.imlab.cookbook.ingest;

import java.util.List;

/** Bad collection input: each problem names the file, the field and (for line-based formats) the line. */
public final class IngestException extends RuntimeException {
    private final List<IngestProblem> problems;

    public IngestException(List<IngestProblem> problems) {
        super(problems.size() == 1 ? problems.get(0).toString()
                : problems.size() + " problems:\n  " + String.join("\n  ", problems.stream().map(IngestProblem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public IngestException(IngestProblem problem, Throwable cause) {
        super(problem.toString(), cause);
        this.problems = List.of(problem);
    }

    public IngestException(String file, String field, int line, String message) {
        this(List.of(new IngestProblem(file, field, line, message)));
    }

    public List<IngestProblem> problems() {
        return problems;
    }
}
