package io.imlab.cli.results;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imlab.activities.report.ReportActivitiesImpl;
import io.imlab.activities.report.ScoreTable;
import io.imlab.activities.store.S3Config;
import io.imlab.activities.store.S3ObjectStore;
import io.imlab.activities.store.S3Uri;
import io.imlab.cli.Main;
import io.imlab.cli.run.ResultsTable;
import io.imlab.cli.runtime.EmbeddedRuntimeOptions;
import io.imlab.workflows.payload.LevelScore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code imlab results <run-or-grid>}: prints a finished run's or grid's results — the score table with the
 * 0/k-shot averages, bootstrap intervals, the base model's deltas, each grid factor against per-level scores,
 * and the format and sensitivity diagnostics — and where the report, CSV and chart are.
 *
 * <p>The argument is a grid id or run id (as {@code imlab run} printed it), looked up in the embedded object
 * store folder ({@code <state-dir>/s3/<bucket>/grids/<id>/report/} then {@code .../runs/<id>/report/}); an
 * {@code s3://} URI of a report folder or {@code results.json} (read with the {@code IMLAB_S3_*} settings);
 * or a local report folder or {@code results.json}.
 */
@Command(name = "results", description = "Print a run's or grid's results tables and the report's paths.")
public final class ResultsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Parameters(index = "0", paramLabel = "RUN_OR_GRID",
            description = "A grid or run id, an s3:// report folder or results.json, or a local one.")
    private String target;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".imlab",
            description = "The embedded runtime's state folder (default: ${DEFAULT-VALUE}).")
    private Path stateDir;

    @Option(names = "--bucket", paramLabel = "BUCKET", defaultValue = EmbeddedRuntimeOptions.DEFAULT_BUCKET,
            description = "Bucket of the embedded object store (default: ${DEFAULT-VALUE}).")
    private String bucket;

    @Spec
    private CommandSpec spec;

    /** Where a report was found: its {@code results.json} and how to name its sibling files. */
    private record Located(JsonNode results, String folder) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Located located = locate();
        if (located == null) {
            spec.commandLine().getErr().println("imlab: no results for " + target + " (looked in "
                    + embeddedRoot().resolve("grids") + " and " + embeddedRoot().resolve("runs")
                    + "); pass a grid or run id as `imlab run` printed it, or an s3:// report folder");
            return Main.EXIT_CONFIGURATION_ERROR;
        }
        JsonNode results = located.results();
        List<Row> rows = rows(results);
        if (results.has("grid")) {
            out.println("grid " + results.path("grid").asText() + ": " + rows.stream().filter(Row::completed).count() + " of "
                    + rows.size() + " cells completed");
        } else {
            out.println("run " + results.path("run").asText());
        }
        out.println();
        out.println("Scores (%): accuracy for closed-label tasks, Rouge-L F1 or exact match for generation;");
        out.println("L1/L2/L3 = held-out categories / held-out tasks / held-out instances; avg = mean of 0-shot and k-shot.");
        out.print(ResultsTable.render(rows.stream().map(Row::name).toList(), rows.stream().map(Row::scores).toList(),
                rows.stream().map(Row::failure).toList()));
        List<Integer> shots = shots(rows);
        List<String> columns = new ArrayList<>(ScoreTable.columns(shots));
        columns.addAll(ScoreTable.averageColumns(shots));
        printIntervals(out, rows, columns);
        printBase(out, rows, columns);
        printFactors(out, results, columns);
        printDiagnostics(out, rows);
        out.println();
        out.println("results.json: " + located.folder() + ReportActivitiesImpl.RESULTS_JSON);
        out.println("results.csv:  " + located.folder() + ReportActivitiesImpl.RESULTS_CSV);
        out.println("report:       " + located.folder() + ReportActivitiesImpl.REPORT_HTML);
        out.println("chart:        " + located.folder() + ReportActivitiesImpl.CHART_PNG);
        out.flush();
        return 0;
    }

    /** One run or grid cell of a results file. */
    private record Row(String name, List<LevelScore> scores, String base, List<LevelScore> baseScores, JsonNode evaluation,
                       String failure) {
        boolean completed() {
            return !scores.isEmpty();
        }
    }

    private static List<Row> rows(JsonNode results) throws IOException {
        List<Row> rows = new ArrayList<>();
        if (results.has("grid")) {
            for (JsonNode cell : results.path("cells")) {
                rows.add(row(cell.path("cell").asText(), cell));
            }
        } else {
            rows.add(row(results.path("spec").path("name").asText(results.path("run").asText()), results));
        }
        return rows;
    }

    private static Row row(String name, JsonNode node) throws IOException {
        TypeReference<List<LevelScore>> type = new TypeReference<>() {
        };
        List<LevelScore> scores = node.has("scores") ? JSON.readerFor(type).readValue(node.path("scores")) : List.of();
        List<LevelScore> baseScores = node.has("baseScores") ? JSON.readerFor(type).readValue(node.path("baseScores")) : List.of();
        return new Row(name, scores, node.path("base").asText(""), baseScores, node.path("evaluation"),
                node.path("failure").isMissingNode() ? null : node.path("failure").asText());
    }

    private static List<Integer> shots(List<Row> rows) {
        TreeSet<Integer> shots = new TreeSet<>();
        rows.forEach(r -> r.scores().forEach(s -> shots.add(s.shots())));
        return shots.isEmpty() ? List.of(0) : List.copyOf(shots);
    }

    private static void printIntervals(PrintWriter out, List<Row> rows, List<String> columns) {
        TextTable table = new TextTable(header("95% interval", columns));
        for (Row row : rows) {
            if (!row.completed()) {
                continue;
            }
            List<String> cells = new ArrayList<>(List.of(row.name()));
            for (String column : columns) {
                double[] ci = interval(row, column);
                cells.add(Double.isNaN(ci[0]) ? "—" : ScoreTable.percent(ci[0]) + "–" + ScoreTable.percent(ci[1]));
            }
            table.row(cells);
        }
        if (!table.isEmpty()) {
            out.println();
            out.print(table.render());
        }
    }

    private static double[] interval(Row row, String column) {
        String[] parts = column.split("/");
        if (parts[1].equals(ScoreTable.AVERAGE)) {
            JsonNode ci = row.evaluation().path("levels").path(parts[0]).path("combinedInterval");
            return new double[] {number(ci.path("low")), number(ci.path("high"))};
        }
        return ScoreTable.find(row.scores(), column).map(s -> new double[] {s.ciLow(), s.ciHigh()})
                .orElse(new double[] {Double.NaN, Double.NaN});
    }

    private static void printBase(PrintWriter out, List<Row> rows, List<String> columns) {
        List<Row> withBase = rows.stream().filter(r -> r.completed() && !r.baseScores().isEmpty()).toList();
        if (withBase.isEmpty()) {
            return;
        }
        TextTable table = new TextTable(header("vs base", columns));
        List<String> base = new ArrayList<>(List.of("base (" + withBase.get(0).base() + ")"));
        columns.forEach(c -> base.add(ScoreTable.percent(ScoreTable.value(withBase.get(0).baseScores(), c, LevelScore::score))));
        table.row(base);
        for (Row row : withBase) {
            List<String> cells = new ArrayList<>(List.of("Δ " + row.name()));
            for (String column : columns) {
                double delta = ScoreTable.value(row.scores(), column, LevelScore::score)
                        - ScoreTable.value(row.baseScores(), column, LevelScore::score);
                cells.add(Double.isNaN(delta) ? "—" : String.format(Locale.ROOT, "%+.1f", 100 * delta));
            }
            table.row(cells);
        }
        out.println();
        out.print(table.render());
    }

    private static void printFactors(PrintWriter out, JsonNode results, List<String> columns) {
        JsonNode factors = results.path("factorComparison");
        for (Iterator<Map.Entry<String, JsonNode>> it = factors.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> factor = it.next();
            TextTable table = new TextTable(header(factor.getKey(), columns));
            for (Iterator<Map.Entry<String, JsonNode>> values = factor.getValue().fields(); values.hasNext(); ) {
                Map.Entry<String, JsonNode> value = values.next();
                List<String> cells = new ArrayList<>(List.of(value.getKey()));
                columns.forEach(c -> cells.add(ScoreTable.percent(number(value.getValue().path(c)))));
                table.row(cells);
            }
            out.println();
            out.print(table.render());
        }
    }

    private static void printDiagnostics(PrintWriter out, List<Row> rows) {
        List<String> header = new ArrayList<>(List.of("diagnostics"));
        for (String level : ScoreTable.LEVELS) {
            String name = ScoreTable.levelName(level);
            header.addAll(List.of(name + " format%", name + " verbosity", name + " template range"));
        }
        TextTable table = new TextTable(header);
        for (Row row : rows) {
            if (!row.completed() || row.evaluation().isMissingNode()) {
                continue;
            }
            List<String> cells = new ArrayList<>(List.of(row.name()));
            for (String level : ScoreTable.LEVELS) {
                JsonNode details = row.evaluation().path("levels").path(level);
                cells.add(ScoreTable.percent(number(details.path("formatOverall").path("compliance"))));
                double verbosity = number(details.path("formatOverall").path("verbosity"));
                cells.add(Double.isNaN(verbosity) ? "—" : String.format(Locale.ROOT, "%.2fx", verbosity));
                cells.add(ScoreTable.percent(number(details.path("sensitivityOverall").path("meanTaskRange"))));
            }
            table.row(cells);
        }
        if (!table.isEmpty()) {
            out.println();
            out.println("Diagnostics: answers in the expected format, answer/reference length, score range across");
            out.println("templates and delimiters (points; per category in the report).");
            out.print(table.render());
        }
    }

    private static List<String> header(String first, List<String> columns) {
        List<String> header = new ArrayList<>(List.of(first));
        columns.forEach(c -> header.add(ScoreTable.header(c)));
        return header;
    }

    private static double number(JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        try {
            return node.isTextual() ? Double.parseDouble(node.asText()) : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private Path embeddedRoot() {
        return stateDir.resolve("s3").resolve(bucket);
    }

    private Located locate() throws IOException {
        if (target.startsWith("s3://")) {
            String key = target.endsWith(ReportActivitiesImpl.RESULTS_JSON) ? target
                    : (target.endsWith("/") ? target : target + "/") + ReportActivitiesImpl.RESULTS_JSON;
            try (S3ObjectStore store = new S3ObjectStore(S3Config.fromEnvironment(System.getenv()))) {
                JsonNode results = JSON.readTree(store.getBytes(S3Uri.parse(key)));
                return new Located(results, key.substring(0, key.length() - ReportActivitiesImpl.RESULTS_JSON.length()));
            }
        }
        Path local = Path.of(target);
        List<Path> candidates = List.of(
                local.getFileName() != null && local.getFileName().toString().equals(ReportActivitiesImpl.RESULTS_JSON)
                        ? local : local.resolve(ReportActivitiesImpl.RESULTS_JSON),
                embeddedRoot().resolve("grids").resolve(target).resolve("report").resolve(ReportActivitiesImpl.RESULTS_JSON),
                embeddedRoot().resolve("runs").resolve(target).resolve("report").resolve(ReportActivitiesImpl.RESULTS_JSON));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return new Located(JSON.readTree(candidate.toFile()), candidate.getParent() + "/");
            }
        }
        return null;
    }
}
