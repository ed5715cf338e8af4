package io.imlab.cli.bench;

import io.imlab.cli.Main;
import io.imlab.cookbook.bench.BenchBuildListener;
import io.imlab.cookbook.bench.BenchBuilder;
import io.imlab.cookbook.bench.BenchReader;
import io.imlab.cookbook.bench.BenchWriter;
import io.imlab.cookbook.spec.BenchInputs;
import io.imlab.cookbook.spec.ExperimentDocument;
import io.imlab.cookbook.spec.ExperimentSpec;
import io.imlab.cookbook.spec.GridDocument;
import io.imlab.cookbook.spec.SpecDocument;
import io.imlab.cookbook.spec.SpecLoader;
import io.imlab.cookbook.spec.SpecValidationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code imlab bench build spec.yaml [--out DIR]}: builds the bench of an experiment (or grid) spec into a
 * local folder with the same {@link BenchBuilder} the BuildBench activity uses, printing progress while it
 * ingests and the bench's tables at the end. The folder appears only when the build succeeds.
 */
@Command(name = "build", description = "Build the bench of a spec into a local folder (default benches/<hash>).",
        mixinStandardHelpOptions = true)
public final class BenchBuildCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "Experiment or grid spec (YAML), e.g. examples/bench-superni.yaml")
    private Path specFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Bench folder to create (default: benches/<hash>).")
    private Path out;

    @Option(names = "--data-root", paramLabel = "DIR",
            description = "Folder the bench's data paths resolve against, instead of the spec's bench.dataRoot"
                    + " (also: environment variable " + DataRoot.ENVIRONMENT_VARIABLE + ").")
    private Path dataRoot;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        ExperimentSpec experiment;
        BenchInputs inputs;
        try {
            SpecDocument document = SpecLoader.load(specFile, DataRoot.override(dataRoot));
            experiment = document instanceof GridDocument grid ? grid.grid().base() : ((ExperimentDocument) document).experiment();
            inputs = BenchInputs.resolve(experiment.bench(), Path.of(""));
        } catch (SpecValidationException e) {
            stderr.println("imlab: " + e.getMessage());
            return Main.EXIT_CONFIGURATION_ERROR;
        }
        long started = System.nanoTime();
        String hash = BenchBuilder.contentHash(experiment.bench(), experiment.splits(), inputs);
        Path target = out != null ? out : Path.of("benches", hash);
        if (Files.isRegularFile(target.resolve(BenchWriter.SUMMARY_FILE))) {
            BenchReader existing = BenchReader.open(target);
            if (existing.summary().hash().equals(hash)) {
                stdout.printf(Locale.ROOT, "bench %s is already built in %s%n%n", hash, target);
                stdout.print(BenchStats.render(existing.summary()));
                return 0;
            }
        }
        stdout.printf(Locale.ROOT, "building bench %s (%s) into %s%n", hash, experiment.bench().source(), target);
        stdout.flush();
        BenchBuilder.Result result = new BenchBuilder(new TerminalProgress(stdout))
                .build(experiment.bench(), experiment.splits(), inputs, hash, target);
        stdout.printf(Locale.ROOT, "built in %.1f s%n%n", (System.nanoTime() - started) / 1e9);
        stdout.print(BenchStats.render(result.summary()));
        result.renderReports().forEach(report -> stdout.println("PromptSource: " + report));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** One line per build step, and one per tenth of the files read. */
    private static final class TerminalProgress implements BenchBuildListener {
        private final PrintWriter out;
        private int lastTenth = -1;

        TerminalProgress(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void step(String description) {
            out.println("  " + description);
            out.flush();
        }

        @Override
        public void ingested(int done, int total, Path file, long superNiInstances) {
            int tenth = done * 10 / total;
            if (tenth != lastTenth || done == total) {
                lastTenth = tenth;
                out.printf(Locale.ROOT, "  ingested %d/%d files (%,d SuperNI instances), last %s%n", done, total,
                        superNiInstances, file.getFileName());
                out.flush();
            }
        }
    }
}
