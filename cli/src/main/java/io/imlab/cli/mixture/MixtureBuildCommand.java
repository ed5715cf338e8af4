package io.imlab.cli.mixture;

import io.imlab.cli.Main;
import io.imlab.cookbook.bench.Bench;
import io.imlab.cookbook.bench.BenchWriter;
import io.imlab.cookbook.bench.MiniBenchGenerator;
import io.imlab.cookbook.hash.ContentHash;
import io.imlab.cookbook.mixture.MixtureBuilder;
import io.imlab.cookbook.mixture.MixtureRecipeException;
import io.imlab.cookbook.mixture.MixtureStats;
import io.imlab.cookbook.spec.ExperimentDocument;
import io.imlab.cookbook.spec.ExperimentSpec;
import io.imlab.cookbook.spec.GridDocument;
import io.imlab.cookbook.spec.SpecDocument;
import io.imlab.cookbook.spec.SpecLoader;
import io.imlab.cookbook.spec.SpecValidationException;
import io.imlab.cookbook.split.SplitResult;
import io.imlab.cookbook.split.ThreeLevelSplitter;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code imlab mixture build spec.yaml}: builds the spec's bench and then its mixture on this machine, with the
 * same code as the SampleMixture activity ({@link MixtureBuilder}, {@link Tokenizers}). A grid builds one
 * mixture per cell, each in its own folder. Every problem of every recipe is reported before anything is
 * written.
 */
@Command(name = "build", description = "Build the bench of a spec, then its packed training mixture(s).")
public final class MixtureBuildCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "Experiment or grid spec (YAML), e.g. examples/cot-share.yaml")
    private Path specFile;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder (default: mixtures/<name>-<hash>); a grid gets one sub-folder per cell.")
    private Path out;

    /** One mixture to build: the experiment, its folder, its tokenizer. */
    private record Job(String label, ExperimentSpec experiment, Tokenizer tokenizer, String benchKey) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter print = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SpecDocument document;
        try {
            document = SpecLoader.load(specFile);
        } catch (SpecValidationException e) {
            err.println("imlab: " + e.getMessage());
            return Main.EXIT_CONFIGURATION_ERROR;
        }
        Map<String, ExperimentSpec> experiments = new LinkedHashMap<>();
        if (document instanceof GridDocument grid) {
            grid.cells().forEach(cell -> experiments.put(cell.name(), cell.spec()));
        } else {
            ExperimentSpec experiment = ((ExperimentDocument) document).experiment();
            experiments.put(experiment.name(), experiment);
        }

        // Check everything first: tokenizers open and every recipe fits its bench; nothing is written on a problem.
        List<String> problems = new ArrayList<>();
        Map<String, Bench> benches = new HashMap<>();
        Map<String, SplitResult> splits = new HashMap<>();
        List<Job> jobs = new ArrayList<>();
        for (Map.Entry<String, ExperimentSpec> entry : experiments.entrySet()) {
            ExperimentSpec experiment = entry.getValue();
            String where = experiments.size() > 1 ? "grid.cells[" + entry.getKey() + "]." : "";
            if (!MiniBenchGenerator.SOURCE.equals(experiment.bench().source())) {
                problems.add(where + "bench.source: '" + experiment.bench().source() + "' is not supported here; the built-in source is '"
                        + MiniBenchGenerator.SOURCE + "'");
                continue;
            }
            String benchKey = ContentHash.of(BenchWriter.FORMAT, experiment.bench(), experiment.splits());
            if (!benches.containsKey(benchKey)) {
                print.printf(Locale.ROOT, "bench %s: generating (%s, %d tasks per family, %d instances per task) and splitting ...%n",
                        benchKey.substring(0, 12), experiment.bench().source(), experiment.bench().tasksPerFamily(),
                        experiment.bench().instancesPerTask());
                print.flush();
                Bench bench = new MiniBenchGenerator().generate(experiment.bench());
                SplitResult split;
                try {
                    split = new ThreeLevelSplitter().split(bench.tasks(), experiment.splits());
                } catch (IllegalArgumentException e) {
                    problems.add(where + "splits: " + e.getMessage());
                    continue;
                }
                benches.put(benchKey, bench);
                splits.put(benchKey, split);
                print.printf(Locale.ROOT, "bench %s: %d training tasks%n", benchKey.substring(0, 12), split.trainTaskCount());
            }
            Tokenizer tokenizer;
            try {
                tokenizer = Tokenizers.open(experiment.recipe().tokenizer());
            } catch (IllegalArgumentException e) {
                problems.add(where + e.getMessage());
                continue;
            }
            try {
                io.imlab.cookbook.mixture.MixturePlan.of(splits.get(benchKey).trainTasks(), benches.get(benchKey).pools(),
                        experiment.recipe());
            } catch (MixtureRecipeException e) {
                e.problems().forEach(p -> problems.add(where + p));
                continue;
            }
            jobs.add(new Job(entry.getKey(), experiment, tokenizer, benchKey));
        }
        if (!problems.isEmpty()) {
            err.println("imlab: " + specFile + ": the mixture cannot be built:");
            problems.forEach(p -> err.println("  " + p));
            return Main.EXIT_CONFIGURATION_ERROR;
        }

        Path root = out != null ? out : Path.of("mixtures", defaultFolder(document, jobs));
        for (Job job : jobs) {
            String hash = MixtureBuilder.contentHash(job.benchKey(), job.experiment().recipe(), job.tokenizer().id());
            Path dir = jobs.size() == 1 && document instanceof ExperimentDocument ? root : root.resolve(job.label());
            if (Files.exists(dir.resolve("packed.json"))) {
                err.println("imlab: " + dir + " already holds a mixture; choose another --out");
                return Main.EXIT_CONFIGURATION_ERROR;
            }
            long total = job.experiment().recipe().sequenceCount();
            print.printf(Locale.ROOT, "mixture %s (%s): %d sequences of %d tokens, tokenizer %s -> %s%n",
                    job.label(), hash.substring(0, 12), total, job.experiment().recipe().sequenceLength(), job.tokenizer().id(), dir);
            print.flush();
            long started = System.nanoTime();
            long step = Math.max(1, total / 10);
            MixtureStats stats = new MixtureBuilder().build(splits.get(job.benchKey()).trainTasks(),
                    benches.get(job.benchKey()).pools(), job.experiment().recipe(), job.tokenizer(), dir,
                    (written, all) -> {
                        if (written % step == 0 || written == all) {
                            print.printf(Locale.ROOT, "  %3d%%  %d/%d sequences%n", written * 100 / all, written, all);
                            print.flush();
                        }
                    });
            double seconds = (System.nanoTime() - started) / 1e9;
            print.printf(Locale.ROOT, "  done in %.1f s: %d examples from %d tasks, %d truncated, %.1f%% of tokens carry loss, %.1f%% padding%n",
                    seconds, stats.examples(), stats.tasksSampled(), stats.packing().truncatedExamples(),
                    100.0 * stats.packing().lossTokens() / stats.packing().tokens(),
                    100.0 * stats.packing().paddingTokens() / stats.packing().tokens());
        }
        print.println("inspect with: imlab mixture stats <dir>   and   imlab mixture show <dir>");
        return 0;
    }

    private static String defaultFolder(SpecDocument document, List<Job> jobs) {
        String name = document instanceof GridDocument grid ? grid.grid().base().name() : jobs.get(0).experiment().name();
        return name + "-" + ContentHash.of(jobs.stream().map(j -> MixtureBuilder.contentHash(j.benchKey(),
                j.experiment().recipe(), j.tokenizer().id())).toList()).substring(0, 12);
    }
}
