package io.imlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Main.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void helpListsTheRegisteredSubcommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: imlab", "--version", "version", "help");
    }

    @Test
    void noArgumentsPrintsUsage() {
        assertThat(run()).isZero();
        assertThat(out.toString()).contains("Usage: imlab");
    }

    @Test
    void versionOptionAndCommandPrintTheBuildVersion() {
        assertThat(run("--version")).isZero();
        String fromOption = out.toString();
        assertThat(fromOption).startsWith("imlab 0.").contains("Java " + System.getProperty("java.version"))
                .doesNotContain("${project.version}");
        out.getBuffer().setLength(0);

        assertThat(run("version")).isZero();
        assertThat(out.toString()).isEqualTo(fromOption);
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("--no-such-option")).isEqualTo(Main.EXIT_CONFIGURATION_ERROR);
        assertThat(err.toString()).contains("Unknown option: '--no-such-option'");
    }
}
