package io.imlab.cli.operator;

import io.imlab.cli.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorCommandTest {

    @Test
    void operatorIsRegisteredAndNamesTheEnvironmentVariablesItReads() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = Main.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));

        assertThat(commandLine.execute("operator", "--help")).isZero();

        assertThat(out.toString()).contains("Usage: imlab operator", "--temporal-address", "IMLAB_TEMPORAL_ADDRESS",
                "--temporal-namespace", "IMLAB_TEMPORAL_NAMESPACE", "--namespace", "IMLAB_K8S_NAMESPACE",
                "--bucket", "IMLAB_S3_BUCKET");
    }
}
