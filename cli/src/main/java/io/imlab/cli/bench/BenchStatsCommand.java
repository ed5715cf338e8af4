package io.imlab.cli.bench;

import io.imlab.cookbook.bench.BenchReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code imlab bench stats DIR}: a bench's levels, collections, categories, pools and the tasks it left out. */
@Command(name = "stats", description = "Print a bench's counts by level, collection and category.", mixinStandardHelpOptions = true)
public final class BenchStatsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BENCH_DIR", description = "A bench folder (with bench.json).")
    private Path benchDir;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(BenchStats.render(BenchReader.open(benchDir).summary()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
