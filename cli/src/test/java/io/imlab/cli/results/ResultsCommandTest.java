package io.imlab.cli.results;

import io.imlab.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsCommandTest {
    @TempDir
    Path state;

    private static String level(String level, double shot0, double shot2, double low, double high) {
        return """
                {"level":"%s","shots":0,"score":%s,"tasks":2,"chance":0.25,"ciLow":%s,"ciHigh":%s},
                {"level":"%s","shots":2,"score":%s,"tasks":2,"chance":0.25,"ciLow":"NaN","ciHigh":"NaN"}"""
                .formatted(level, shot0, low, high, level, shot2);
    }

    private static final String GRID = """
            {"grid":"qs-1","cells":[
              {"cell":"cotShare=0","factors":{"recipe.cotShare":"0"},"status":"COMPLETED",
               "scores":[%s,%s,%s],"base":"init","baseScores":[%s,%s,%s],
               "evaluation":{"levels":{"level1":{"combinedInterval":{"low":0.4,"high":0.6},
                 "formatOverall":{"answers":10,"compliance":0.9,"verbosity":1.25},
                 "sensitivityOverall":{"tasks":2,"variants":4,"meanTaskRange":0.125}}}}},
              {"cell":"cotShare=0.04","factors":{"recipe.cotShare":"0.04"},"status":"FAILED","failure":"step train failed: boom"}],
             "factorComparison":{"recipe.cotShare":{"0":{"level1/0":0.5,"level1/avg":0.55},"0.04":{"level1/0":"NaN"}}}}
            """.formatted(level("level1", 0.5, 0.6, 0.375, 0.625), level("level2", 0.4, 0.5, 0.3, 0.5),
            level("level3", 0.9, 0.8, 0.85, 0.95), level("level1", 0.3, 0.3, 0.2, 0.4), level("level2", 0.2, 0.2, 0.1, 0.3),
            level("level3", 0.25, 0.35, 0.2, 0.3));

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.newCommandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(args);
        return new String[] {Integer.toString(exit), out.toString(), err.toString()};
    }

    @Test
    void printsAGridsTablesFromTheEmbeddedStore() throws Exception {
        Path report = state.resolve("s3/imlab/grids/qs-1/report");
        Files.createDirectories(report);
        Files.writeString(report.resolve("results.json"), GRID);

        String[] result = run("results", "qs-1", "--state-dir", state.toString());

        assertThat(result[0]).as(result[2]).isEqualTo("0");
        assertThat(result[1])
                .contains("grid qs-1: 1 of 2 cells completed")
                .containsPattern("run\\s+L1 0-shot\\s+L1 2-shot\\s+L2 0-shot\\s+L2 2-shot\\s+L3 0-shot\\s+L3 2-shot\\s+L1 avg\\s+L2 avg\\s+L3 avg")
                // 0-shot 50.0, 2-shot 60.0, avg 55.0 at L1
                .containsPattern("cotShare=0\\s+50\\.0\\s+60\\.0\\s+40\\.0\\s+50\\.0\\s+90\\.0\\s+80\\.0\\s+55\\.0\\s+45\\.0\\s+85\\.0")
                .contains("FAILED: step train failed: boom")
                .containsPattern("cotShare=0\\s+37\\.5–62\\.5\\s+—")
                .contains("40.0–60.0")
                .containsPattern("base \\(init\\)\\s+30\\.0")
                // L1 0-shot delta 50 - 30 = +20.0; L3 avg (85 - 30) = +55.0
                .containsPattern("Δ cotShare=0\\s+\\+20\\.0")
                .contains("+55.0")
                .containsPattern("recipe.cotShare\\s+L1 0-shot")
                .contains("90.0", "1.25x", "12.5")
                .contains("report:       " + report + "/report.html", "chart:        " + report + "/scores.png");
    }

    @Test
    void anUnknownRunIsAConfigurationError() {
        String[] result = run("results", "nope", "--state-dir", state.toString());
        assertThat(result[0]).isEqualTo("2");
        assertThat(result[2]).contains("no results for nope");
    }
}
