package io.imlab.cli.run;

import io.imlab.cli.runtime.TinySpecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./imlab run} end to end, as a user runs it: the packaged command in a child process. */
class ImlabRunE2E {
    private static final Path REPO = Path.of(System.getProperty("imlab.repo.root", ".")).toAbsolutePath().normalize();

    @TempDir
    Path work;

    private record Result(int exitCode, String out, String err) {
    }

    private Result imlab(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(REPO.resolve("imlab").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(work.resolve("out.txt").toFile()).redirectError(work.resolve("err.txt").toFile());
        builder.environment().put("IMLAB_SKIP_BUILD", "1");
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("imlab " + String.join(" ", args) + " did not finish in 10 minutes");
        }
        return new Result(process.exitValue(), Files.readString(work.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(work.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void runsAGridAndEndsWithTheTableAndTheReport() throws Exception {
        Files.writeString(work.resolve("grid.yaml"), TinySpecs.grid("e2e"));

        Result result = imlab("run", "grid.yaml", "--state-dir", "state");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("grid e2e-", "2 cells")
                .containsPattern("run\\s+L1 0-shot\\s+L1 1-shot\\s+L2 0-shot\\s+L2 1-shot\\s+L3 0-shot\\s+L3 1-shot\\s+L1 avg")
                .containsPattern("cotShare=0\\s+\\d+\\.\\d")
                .containsPattern("cotShare=0.04\\s+\\d+\\.\\d")
                .containsPattern("chance\\s+\\d+\\.\\d")
                .contains("train  step", "completed", "wall time:");
        Matcher report = Pattern.compile("report:\\s+(\\S+)").matcher(result.out());
        assertThat(report.find()).isTrue();
        Path html = work.resolve(report.group(1));
        assertThat(html).exists();
        assertThat(Files.readString(html)).contains("<table>", "cotShare=0.04", "<svg", "base (init)", "Grid factors",
                "Output format and verbosity");
        Matcher chart = Pattern.compile("chart:\\s+(\\S+)").matcher(result.out());
        assertThat(chart.find()).isTrue();
        assertThat(work.resolve(chart.group(1))).exists();

        String gridId = Pattern.compile("grid (e2e-\\S+):").matcher(result.out()).results().findFirst().orElseThrow().group(1);
        Result results = imlab("results", gridId, "--state-dir", "state");
        assertThat(results.exitCode()).as(results.err()).isZero();
        assertThat(results.out()).contains("grid " + gridId + ": 2 of 2 cells completed", "base (init)", "recipe.cotShare")
                .containsPattern("cotShare=0.04\\s+\\d+\\.\\d");
    }

    @Test
    void anInvalidSpecListsEveryProblemWithItsPathAndRunsNothing() throws Exception {
        Files.writeString(work.resolve("bad.yaml"), TinySpecs.experiment("bad")
                .replace("cotShare: 0.01", "cotShare: 1.5")
                .replace("steps: 4", "steps: four")
                .replace("model: {preset: tiny}", "model: {preset: tiny, colour: blue}"));

        Result result = imlab("run", "bad.yaml", "--state-dir", "state");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("bad.yaml", "recipe.cotShare", "training.steps", "model.colour");
        assertThat(work.resolve("state")).doesNotExist();
    }

    @Test
    void aFailedStepEndsNonZeroNamingTheStepAndTheCause() throws Exception {
        Files.writeString(work.resolve("broken.yaml"), TinySpecs.experiment("broken")
                .replace("heldOutCategories: [Word Analogy, Cause Effect Classification]",
                        "heldOutCategories: [Astrology]"));

        Result result = imlab("run", "broken.yaml", "--state-dir", "state");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("buildBench").contains("Astrology");
    }
}
