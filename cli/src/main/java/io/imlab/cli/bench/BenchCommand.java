package io.imlab.cli.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code imlab bench}: build a bench from a spec into a local folder, and inspect one. */
@Command(name = "bench",
        description = "Build an OPT-IML bench into a local folder and inspect it.",
        mixinStandardHelpOptions = true,
        subcommands = {BenchBuildCommand.class, BenchStatsCommand.class, BenchLeakageCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
