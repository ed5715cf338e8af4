package io.imlab.cli;

import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.imlab.cli.mixture.MixtureCommand;
import io.imlab.cli.bench.BenchCommand;
import io.imlab.cli.results.ResultsCommand;
import io.imlab.cli.operator.OperatorCommand;
import io.imlab.cli.run.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code imlab} command. Every subcommand is registered in the {@code subcommands} list below, and
 * nowhere else.
 *
 * <p>Exit codes: 0 success, 1 failure, 2 invalid usage or configuration (the trainer contract's
 * "do not retry" code, and picocli's usage-error code).
 */
@Command(
        name = "imlab",
        mixinStandardHelpOptions = true,
        versionProvider = ImlabVersion.class,
        description = "OPT-IML instruction-tuning experiments as durable, reproducible workflows.",
        subcommands = {
            RunCommand.class,
            io.imlab.cli.cluster.WorkerCommand.class,
            io.imlab.cli.cluster.SubmitCommand.class,
            io.imlab.cli.cluster.StatusCommand.class,
            io.imlab.cli.cluster.CancelCommand.class,
            io.imlab.cli.cluster.CacheCommand.class,
            MixtureCommand.class,
            BenchCommand.class,
            ResultsCommand.class,
            OperatorCommand.class,
            TrainCommand.class,
            VersionCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class Main implements Runnable {

    /** Exit code of a command that failed. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code of invalid usage or an invalid spec: running it again cannot help. */
    public static final int EXIT_CONFIGURATION_ERROR = 2;

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Spec
    private CommandSpec spec;

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line, for {@link #main} and for tests (which set their own out/err writers). */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler(new ConciseErrors());
        return commandLine;
    }

    /** {@code imlab} without a subcommand prints the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Prints a failure as one readable message (with its causes) instead of a stack trace; the trace goes to
     * the debug log. An {@link IllegalArgumentException} is a configuration problem (exit 2).
     */
    private static final class ConciseErrors implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
            LOG.debug("command failed", e);
            PrintWriter err = commandLine.getErr();
            StringBuilder message = new StringBuilder("imlab: error: ").append(e.getMessage());
            for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
                message.append("\n  caused by: ").append(cause);
            }
            err.println(commandLine.getColorScheme().errorText(message.toString()));
            err.flush();
            return e instanceof IllegalArgumentException ? EXIT_CONFIGURATION_ERROR : EXIT_FAILURE;
        }
    }
}
