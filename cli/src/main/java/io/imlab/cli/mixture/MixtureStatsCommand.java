package io.imlab.cli.mixture;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imlab.cli.Main;
import io.imlab.cookbook.mixture.MixtureBuilder;
import io.imlab.cookbook.mixture.MixtureStats;
import io.imlab.cookbook.mixture.PackingStats;
import io.imlab.cookbook.mixture.ShareStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code imlab mixture stats DIR}: requested against realized shares by kind, collection and category. */
@Command(name = "stats", description = "Requested vs realized shares of a built mixture, by kind, collection and category.")
public final class MixtureStatsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A mixture folder written by 'imlab mixture build'")
    private Path dir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path file = dir.resolve(MixtureBuilder.STATS_FILE);
        if (!Files.isRegularFile(file)) {
            spec.commandLine().getErr().println("imlab: " + dir + " is not a mixture folder (no " + MixtureBuilder.STATS_FILE + ")");
            return Main.EXIT_CONFIGURATION_ERROR;
        }
        MixtureStats stats = new ObjectMapper().readValue(file.toFile(), MixtureStats.class);
        out.printf(Locale.ROOT, "%s: %d examples from %d of %d planned tasks%n", dir, stats.examples(), stats.tasksSampled(),
                stats.tasksPlanned());
        table(out, "kind", stats.byKind());
        table(out, "collection", stats.byCollection());
        table(out, "category", stats.byCategory());
        if (stats.examplesByShots().keySet().stream().anyMatch(k -> k > 0)) {
            long taskExamples = stats.examplesByShots().values().stream().mapToLong(Long::longValue).sum();
            out.println();
            out.println("MetaICL demonstrations per task example (OPT-IML Table 8)");
            stats.examplesByShots().forEach((shots, count) -> out.printf(Locale.ROOT, "  %d-shot  %8d  %6.2f%%%n",
                    shots, count, 100.0 * count / taskExamples));
        }
        PackingStats packing = stats.packing();
        if (packing != null) {
            out.println();
            out.printf(Locale.ROOT, "packing: %d sequences x %d tokens = %d tokens; %d examples, %d left-truncated; "
                            + "loss on %.1f%%, padding %.1f%%%n",
                    packing.sequences(), packing.sequenceLength(), packing.tokens(), packing.examples(),
                    packing.truncatedExamples(), 100.0 * packing.lossTokens() / packing.tokens(),
                    100.0 * packing.paddingTokens() / packing.tokens());
        }
        out.flush();
        return 0;
    }

    private static void table(PrintWriter out, String title, Map<String, ShareStats> rows) {
        int width = Math.max(title.length(), rows.keySet().stream().mapToInt(String::length).max().orElse(0));
        out.println();
        out.printf(Locale.ROOT, "%-" + width + "s  %9s  %9s  %9s  %8s%n", title, "requested", "realized", "diff", "examples");
        rows.forEach((name, share) -> out.printf(Locale.ROOT, "%-" + width + "s  %8.2f%%  %8.2f%%  %+8.2f%%  %8d%n", name,
                100 * share.requested(), 100 * share.realized(), 100 * (share.realized() - share.requested()), share.examples()));
    }
}
