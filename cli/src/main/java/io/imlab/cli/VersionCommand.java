package io.imlab.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code imlab version}: the same text as {@code imlab --version}. */
@Command(name = "version", description = "Print the imlab and Java versions.")
public final class VersionCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (String line : new ImlabVersion().getVersion()) {
            out.println(line);
        }
        out.flush();
        return 0;
    }
}
