package io.imlab.cli.bench;

import io.imlab.cookbook.bench.BenchReader;
import io.imlab.cookbook.bench.BenchTaskEntry;
import io.imlab.cookbook.leakage.FlaggedPair;
import io.imlab.cookbook.leakage.LeakageReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code imlab bench leakage DIR [--json]}: the 13-gram overlap report of a bench (OPT-IML §2.3): every
 * (train, eval) pair where more than 1% of the eval task's instances share a 13-gram with the train task.
 */
@Command(name = "leakage", description = "Print a bench's 13-gram overlap report.", mixinStandardHelpOptions = true)
public final class BenchLeakageCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BENCH_DIR", description = "A bench folder (with bench.json).")
    private Path benchDir;

    @Option(names = "--json", description = "Print the report as JSON (leakage.json).")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        BenchReader reader = BenchReader.open(benchDir);
        LeakageReport report = reader.readLeakageReport().orElseThrow(() -> new IllegalArgumentException(
                benchDir + ": this bench has no leakage report (it was written without the overlap check)"));
        if (json) {
            out.println(report.toJson());
            out.flush();
            return 0;
        }
        Map<String, String> where = new HashMap<>();
        for (BenchTaskEntry entry : reader.summary().tasks()) {
            if (!entry.isTrain()) {
                where.put(entry.name(), entry.part() + " " + entry.split());
            }
        }
        out.printf(Locale.ROOT, "%d-gram overlap: %d train x %d eval tasks (%,d eval instances, %,d distinct n-grams);"
                        + " %d pairs above %.0f%% of the eval task's instances%n", report.ngram(), report.trainTasks(),
                report.evalTasks(), report.evalInstances(), report.indexedNgrams(), report.flagged().size(), 100 * report.threshold());
        if (report.flagged().isEmpty()) {
            out.flush();
            return 0;
        }
        TextTable table = new TextTable("eval task", "level", "train task", "overlapping", "of", "fraction");
        for (FlaggedPair pair : report.flagged()) {
            table.row(pair.evalTask(), where.getOrDefault(pair.evalTask(), "?"), pair.trainTask(), pair.overlappingInstances(),
                    pair.evalInstances(), String.format(Locale.ROOT, "%.1f%%", 100 * pair.fraction()));
        }
        out.print(table.render());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
