package io.imlab.cli.mixture;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code imlab mixture}: build, inspect and read packed training mixtures on this machine. */
@Command(name = "mixture", description = "Build and inspect training mixtures (OPT-IML recipes → packed data).",
        subcommands = {MixtureBuildCommand.class, MixtureStatsCommand.class, MixtureShowCommand.class})
public final class MixtureCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
