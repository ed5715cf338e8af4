package io.imlab.cli.mixture;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imlab.cli.Main;
import io.imlab.cookbook.mixture.MixtureBuilder;
import io.imlab.cookbook.pack.PackedDatasetReader;
import io.imlab.cookbook.pack.PackedSequence;
import io.imlab.cookbook.spec.RecipeSpec;
import io.imlab.cookbook.tokenize.Tokenizer;
import io.imlab.cookbook.tokenize.Tokenizers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * {@code imlab mixture show DIR}: decodes packed sequences back to text, example by example (segment ids),
 * with the tokens that carry loss marked — in color on a terminal, between {@code ⟦ ⟧} otherwise — so a
 * reader can check the label-loss rule (OPT-IML §3.1) on real data.
 */
@Command(name = "show", description = "Decoded samples of a built mixture, the loss-carrying part marked.")
public final class MixtureShowCommand implements Callable<Integer> {
    private static final String OPEN = "⟦";
    private static final String CLOSE = "⟧";
    private static final String GREEN = "\u001b[32m";
    private static final String RESET = "\u001b[0m";

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A mixture folder written by 'imlab mixture build'")
    private Path dir;

    @Option(names = {"-n", "--sequences"}, paramLabel = "N", defaultValue = "2",
            description = "How many packed sequences to show, from the first (default: ${DEFAULT-VALUE}).")
    private int count;

    @Option(names = "--color", negatable = true, defaultValue = "false",
            description = "Mark loss tokens in green instead of brackets.")
    private boolean color;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path recipeFile = dir.resolve(MixtureBuilder.RECIPE_FILE);
        if (!Files.isRegularFile(recipeFile)) {
            spec.commandLine().getErr().println("imlab: " + dir + " is not a mixture folder (no " + MixtureBuilder.RECIPE_FILE + ")");
            return Main.EXIT_CONFIGURATION_ERROR;
        }
        RecipeSpec recipe = new ObjectMapper().readValue(recipeFile.toFile(), RecipeSpec.class);
        Tokenizer tokenizer = Tokenizers.open(recipe.tokenizer());
        try (PackedDatasetReader reader = new PackedDatasetReader(dir)) {
            if (!reader.info().tokenizer().equals(tokenizer.id())) {
                spec.commandLine().getErr().println("imlab: " + dir + " was tokenized with " + reader.info().tokenizer()
                        + " but the recipe's tokenizer files now give " + tokenizer.id() + "; cannot decode faithfully");
                return Main.EXIT_CONFIGURATION_ERROR;
            }
            out.printf("%s: %d sequences of %d tokens (%s); loss-carrying tokens %s%n", dir, reader.size(),
                    reader.info().sequenceLength(), tokenizer.id(), color ? "in green" : "between " + OPEN + " " + CLOSE);
            for (long i = 0; i < Math.min(count, reader.size()); i++) {
                show(out, i, reader.get(i), tokenizer);
            }
        }
        out.flush();
        return 0;
    }

    private void show(PrintWriter out, long index, PackedSequence sequence, Tokenizer tokenizer) {
        int[] segments = sequence.segmentIds();
        int start = 0;
        while (start < sequence.length()) {
            int segment = segments[start];
            int end = start;
            while (end < sequence.length() && segments[end] == segment) {
                end++;
            }
            if (segment == 0) {
                out.printf("── sequence %d: %d padding tokens%n", index, end - start);
            } else {
                out.printf("── sequence %d, example %d (%d tokens)%n", index, segment, end - start);
                out.println(render(sequence, start, end, tokenizer));
            }
            start = end;
        }
    }

    /** Runs of equal loss mask decoded together; the end-of-document token shown as {@code </s>}. */
    String render(PackedSequence sequence, int from, int to, Tokenizer tokenizer) {
        StringBuilder text = new StringBuilder();
        int start = from;
        while (start < to) {
            byte loss = sequence.lossMask()[start];
            int end = start;
            while (end < to && sequence.lossMask()[end] == loss) {
                end++;
            }
            int[] ids = Arrays.copyOfRange(sequence.tokens(), start, end);
            boolean endsWithEos = ids.length > 0 && ids[ids.length - 1] == tokenizer.eosId();
            String decoded = tokenizer.decode(endsWithEos ? Arrays.copyOf(ids, ids.length - 1) : ids) + (endsWithEos ? "</s>" : "");
            if (loss == 1) {
                text.append(color ? GREEN : OPEN).append(decoded).append(color ? RESET : CLOSE);
            } else {
                text.append(decoded);
            }
            start = end;
        }
        return text.toString();
    }
}
