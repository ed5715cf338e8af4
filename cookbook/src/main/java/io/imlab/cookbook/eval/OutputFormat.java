package io.imlab.cookbook.eval;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The answer format a task's references imply, for the output-format compliance diagnostic (OPT-IML
 * §4.2, Table 7: 0.5% dialogue data made the model lose output-format conformance, e.g. answering with a
 * chatty sentence instead of a label).
 * <ul>
 *   <li>{@link #LABEL}: closed-label tasks; a compliant answer is one of the candidates (after
 *       {@link AnswerNormalizer});</li>
 *   <li>{@link #NUMBER}: every reference is a number; a compliant answer is a number;</li>
 *   <li>{@link #LINE}: every reference is one line; a compliant answer is one non-empty line;</li>
 *   <li>{@link #TEXT}: anything else; a compliant answer is non-empty.</li>
 * </ul>
 */
public enum OutputFormat {
    LABEL, NUMBER, LINE, TEXT;

    private static final Pattern NUMBER_PATTERN = Pattern.compile("[-+]?(\\d+([.,]\\d+)*|\\.\\d+)%?");

    /** The format implied by the references and candidates (non-empty candidates mean {@link #LABEL}). */
    public static OutputFormat infer(List<String> references, List<String> candidates) {
        if (!candidates.isEmpty()) {
            return LABEL;
        }
        if (!references.isEmpty() && references.stream().allMatch(r -> NUMBER_PATTERN.matcher(r.strip()).matches())) {
            return NUMBER;
        }
        if (references.stream().noneMatch(r -> r.strip().contains("\n"))) {
            return LINE;
        }
        return TEXT;
    }

    /** Whether an answer has this format; {@code candidates} matter only for {@link #LABEL}. */
    public boolean complies(String answer, List<String> candidates) {
        String text = answer.strip();
        return switch (this) {
            case LABEL -> {
                String normalized = AnswerNormalizer.normalize(text);
                yield !normalized.isEmpty() && candidates.stream().anyMatch(c -> AnswerNormalizer.normalize(c).equals(normalized));
            }
            case NUMBER -> NUMBER_PATTERN.matcher(text).matches();
            case LINE -> !text.isEmpty() && !text.contains("\n");
            case TEXT -> !text.isEmpty();
        };
    }

    /** Words in a text (whitespace-separated), the unit of the verbosity ratio. */
    public static int words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }

    /**
     * Answer length against the reference: answer words over the words of the closest-length
     * reference (at least 1). 1 is as long as the reference; the dialogue pitfall shows up as ≫ 1.
     */
    public static double verbosity(String answer, List<String> references) {
        int answerWords = words(answer);
        int best = Integer.MAX_VALUE;
        for (String reference : references) {
            int w = Math.max(1, words(reference));
            if (Math.abs(w - answerWords) < Math.abs(best - answerWords)) {
                best = w;
            }
        }
        return best == Integer.MAX_VALUE ? answerWords : (double) answerWords / best;
    }
}
