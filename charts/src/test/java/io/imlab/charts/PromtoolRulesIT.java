package io.imlab.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The alert rules pass Prometheus' own checks: {@code promtool check rules} and the unit tests of
 * {@code dashboards/alerts-test.yaml} through {@code promtool test rules}.
 */
class PromtoolRulesIT {

    private static final String MISSING = "promtool not found on PATH: skipping the alert rule checks. "
            + "Install it with `apt-get update && apt-get install -y --no-install-recommends prometheus` "
            + "(integrator: add that line to .ci/run)";

    private static Path promtool;

    @BeforeAll
    static void findPromtool() {
        promtool = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "promtool")).filter(Files::isExecutable).findFirst().orElse(null);
        if (promtool == null) {
            System.err.println("[PromtoolRulesIT] " + MISSING);
        }
    }

    @BeforeEach
    void requirePromtool() {
        Assumptions.assumeTrue(promtool != null, MISSING);
    }

    @Test
    void rulesAreValid() throws Exception {
        Result result = run(promtool.toString(), "check", "rules", RepoFiles.alerts().toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 4 rules found");
    }

    @Test
    void ruleUnitTestsPass() throws Exception {
        Result result = run(promtool.toString(), "test", "rules", RepoFiles.alertsTest().toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void aBrokenRuleFileIsRejected() throws Exception {
        Path broken = Files.createTempFile("broken-rules", ".yaml");
        try {
            Files.writeString(broken, "groups:\n  - name: x\n    rules:\n      - alert: Broken\n"
                    + "        expr: sum(rate(imlab_experiments_failed_total[5m]) > \n");
            Result result = run(promtool.toString(), "check", "rules", broken.toString());
            assertThat(result.exitCode()).as(result.output()).isNotZero();
        } finally {
            Files.deleteIfExists(broken);
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).directory(RepoFiles.dashboardsDir().toFile())
                .redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool did not finish in 60 s: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
