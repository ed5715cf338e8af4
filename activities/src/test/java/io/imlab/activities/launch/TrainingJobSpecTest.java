package io.imlab.activities.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingJobSpecTest {

    @Test
    void validationNamesEveryBadField() {
        assertThatThrownBy(() -> new TrainingJobSpec("Bad Name", "not a class", List.of(), Map.of("A=B", "x"),
                null, null, 0, -1, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jobName:")
                .hasMessageContaining("mainClass:")
                .hasMessageContaining("env.A=B:")
                .hasMessageContaining("workingDir:")
                .hasMessageContaining("nodes:")
                .hasMessageContaining("gpusPerNode:");
    }

    @Test
    void localJobsAreSingleNodeCpu() {
        TrainingJobSpec spec = TrainingJobSpec.local("train-cot-4", "io.imlab.trainer.TrainMain",
                List.of("--steps", "10"), Map.of("B", "2", "A", "1"), Path.of("work"));
        assertThat(spec.nodes()).isEqualTo(1);
        assertThat(spec.gpusPerNode()).isZero();
        assertThat(spec.image()).isNull();
        assertThat(spec.env().keySet()).containsExactly("A", "B");
    }

    @Test
    void exitCodesFollowTheTrainerContract() {
        assertThat(JobStatus.fromExitCode(0)).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(JobStatus.fromExitCode(2)).isEqualTo(JobStatus.CONFIGURATION_ERROR);
        assertThat(JobStatus.fromExitCode(1)).isEqualTo(JobStatus.FAILED);
        assertThat(JobStatus.fromExitCode(137)).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void commandIsPlainArgvWithAnAbsoluteClasspath() {
        LocalProcessLauncher launcher = new LocalProcessLauncher("/usr/bin/java", "lib/a.jar:/opt/b.jar:deps/*",
                List.of("-Xmx1g"), 10, Duration.ofSeconds(1));
        List<String> command = launcher.command(TrainingJobSpec.local("j", "a.Main", List.of("x y", "$HOME"),
                Map.of(), Path.of(".")));
        String cwd = Path.of("").toAbsolutePath().toString();
        assertThat(command).containsExactly("/usr/bin/java", "-Xmx1g", "-cp",
                cwd + "/lib/a.jar:/opt/b.jar:" + cwd + "/deps/*", "a.Main", "x y", "$HOME");
    }
}
