package io.imlab.activities.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.imlab.activities.ArtifactServices;
import io.imlab.activities.evaluation.EvaluationActivitiesImpl;
import io.imlab.activities.store.ArtifactDescription;
import io.imlab.activities.store.ObjectStoreException;
import io.imlab.activities.store.S3Uri;
import io.imlab.cookbook.hash.ContentHash;
import io.imlab.workflows.ReportActivities;
import io.imlab.workflows.payload.CellOutcome;
import io.imlab.workflows.payload.CellStatus;
import io.imlab.workflows.payload.EvalResult;
import io.imlab.workflows.payload.ExperimentReportInput;
import io.imlab.workflows.payload.GridReportInput;
import io.imlab.workflows.payload.LevelScore;
import io.imlab.workflows.payload.ReportRef;
import io.imlab.workflows.payload.TrainResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes {@code results.json}, {@code results.csv}, a self-contained {@code report.html} (inline styles
 * and SVG, no scripts, fonts or network) and {@code scores.png} (the main chart) for one experiment or a
 * whole grid: per-level scores with bootstrap intervals and the 0/k-shot average, a base model's deltas,
 * per-category and per-collection scores, output-format and template/delimiter diagnostics, each grid
 * factor's levels against per-level scores, and loss curves.
 */
public final class ReportActivitiesImpl implements ReportActivities {
    public static final String FORMAT_VERSION = "imlab-report-v2";
    public static final String RESULTS_JSON = "results.json";
    public static final String RESULTS_CSV = "results.csv";
    public static final String REPORT_HTML = "report.html";
    public static final String CHART_PNG = "scores.png";
    private static final String CSV_HEADER = "name,status,model,level,shots,score,ci_low,ci_high,chance,tasks,delta_vs_base\n";
    private static final Logger LOG = LoggerFactory.getLogger(ReportActivitiesImpl.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ArtifactServices artifacts;

    public ReportActivitiesImpl(ArtifactServices artifacts) {
        this.artifacts = artifacts;
    }

    /** One report row: a run or a grid cell. {@code scores} is empty for a failed cell. */
    private record Row(String name, Map<String, String> factors, List<LevelScore> scores, String base,
                       List<LevelScore> baseScores, JsonNode details, TrainResult training, String failure) {
        boolean completed() {
            return !scores.isEmpty();
        }

        JsonNode level(String level) {
            return details.path("levels").path(level);
        }
    }

    @Override
    public ReportRef writeExperimentReport(ExperimentReportInput input) {
        Row row = row(input.spec().name(), Map.of(), input.eval(), input.training(), null);
        List<Integer> shots = shotCounts(List.of(row));
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("run", input.runId());
        results.put("spec", input.spec());
        results.put("bench", input.bench());
        results.put("mixture", input.mixture());
        results.put("training", input.training());
        results.put("scores", row.scores());
        results.put("averages", averages(row.scores(), shots));
        results.put("base", row.base());
        results.put("baseScores", row.baseScores());
        results.put("deltasVsBase", deltas(row));
        results.put("evaluation", row.details());

        StringBuilder body = new StringBuilder();
        body.append("<h1>Experiment ").append(HtmlReport.escape(input.spec().name())).append("</h1>\n");
        body.append("<p>Run <code>").append(HtmlReport.escape(input.runId())).append("</code>; bench <code>")
                .append(HtmlReport.escape(input.bench().hash(), 12)).append("</code>; mixture <code>")
                .append(HtmlReport.escape(input.mixture().hash(), 12)).append("</code> (")
                .append(input.mixture().sequences()).append(" sequences); ")
                .append(input.training().step()).append(" steps, final loss ")
                .append(String.format(Locale.ROOT, "%.3f", input.training().finalLoss())).append(".</p>\n");
        body.append(protocolNote(input.spec().evaluation().shots(), row));
        body.append("<h2>Scores</h2>\n").append(scoreTable(List.of(row), shots, true));
        BarChart main = experimentChart(row, shots);
        body.append(HtmlReport.barChart(main));
        body.append(categoryTables(List.of(row), shots));
        body.append(collectionTable(List.of(row), shots));
        body.append(diagnostics(List.of(row)));
        body.append("<h2>Training</h2>\n").append(lossChart(List.of(row)));
        return publish(input.outputUri(), input.runId(), results, csv(List.of(row)),
                HtmlReport.page("imlab experiment " + input.spec().name(), body.toString()), ChartPng.render(main));
    }

    @Override
    public ReportRef writeGridReport(GridReportInput input) {
        List<Row> rows = new ArrayList<>();
        List<Map<String, Object>> cells = new ArrayList<>();
        for (CellOutcome outcome : input.outcomes()) {
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("cell", outcome.cellName());
            cell.put("factors", outcome.factors());
            cell.put("status", outcome.status());
            cell.put("workflowId", outcome.workflowId());
            if (outcome.status() == CellStatus.COMPLETED && outcome.result() != null) {
                Row row = row(outcome.cellName(), outcome.factors(), outcome.result().evalResult(),
                        outcome.result().trainResult(), null);
                rows.add(row);
                cell.put("runId", outcome.result().runId());
                cell.put("reportUri", outcome.result().reportRef() == null ? null : outcome.result().reportRef().htmlUri());
                cell.put("finalLoss", outcome.result().trainResult().finalLoss());
                cell.put("scores", row.scores());
                cell.put("averages", averages(row.scores(), shotCounts(List.of(row))));
                cell.put("base", row.base());
                cell.put("baseScores", row.baseScores());
                cell.put("deltasVsBase", deltas(row));
                cell.put("evaluation", row.details());
            } else {
                rows.add(new Row(outcome.cellName(), outcome.factors(), List.of(), "", List.of(), MissingNode.getInstance(),
                        null, outcome.failure()));
                cell.put("failure", outcome.failure());
            }
            cells.add(cell);
        }
        List<Integer> shots = shotCounts(rows);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("grid", input.gridId());
        results.put("cells", cells);
        results.put("factorComparison", factorComparison(rows, shots));

        List<Row> completed = rows.stream().filter(Row::completed).toList();
        StringBuilder body = new StringBuilder();
        body.append("<h1>Grid ").append(HtmlReport.escape(input.gridId())).append("</h1>\n");
        body.append("<p>").append(completed.size()).append(" of ").append(rows.size()).append(" cells completed.</p>\n");
        body.append(protocolNote(shots.get(shots.size() - 1), completed.isEmpty() ? null : completed.get(0)));
        body.append("<h2>Scores</h2>\n").append(scoreTable(rows, shots, true));
        BarChart main = gridChart(completed, shots);
        body.append(HtmlReport.barChart(main));
        body.append(factorSection(rows, shots));
        body.append(categoryTables(completed, shots));
        body.append(collectionTable(completed, shots));
        body.append(diagnostics(completed));
        body.append("<h2>Training</h2>\n").append(lossChart(completed));
        return publish(input.outputUri(), input.gridId(), results, csv(rows),
                HtmlReport.page("imlab grid " + input.gridId(), body.toString()), ChartPng.render(main));
    }

    // ---- data ----

    private Row row(String name, Map<String, String> factors, EvalResult eval, TrainResult training, String failure) {
        return new Row(name, factors, eval.scores(), eval.base(), eval.baseScores(), evalDetails(eval), training, failure);
    }

    /** The evaluation's {@code scores.json} (diagnostics and every aggregation step); missing when unreadable. */
    private JsonNode evalDetails(EvalResult eval) {
        if (eval.uri() == null) {
            return MissingNode.getInstance();
        }
        S3Uri uri = S3Uri.parse(eval.uri()).asPrefix().resolve(EvaluationActivitiesImpl.SCORES_FILE);
        try {
            return JSON.readTree(artifacts.store().getBytes(uri));
        } catch (IOException | ObjectStoreException e) {
            LOG.warn("no evaluation details at {}: {}", uri, e.getMessage());
            return MissingNode.getInstance();
        }
    }

    private static List<Integer> shotCounts(List<Row> rows) {
        TreeSet<Integer> shots = new TreeSet<>();
        rows.forEach(r -> r.scores().forEach(s -> shots.add(s.shots())));
        return shots.isEmpty() ? List.of(0) : List.copyOf(shots);
    }

    private static List<String> columns(List<Integer> shots) {
        List<String> columns = new ArrayList<>(ScoreTable.columns(shots));
        columns.addAll(ScoreTable.averageColumns(shots));
        return columns;
    }

    private static Map<String, Double> averages(List<LevelScore> scores, List<Integer> shots) {
        Map<String, Double> averages = new LinkedHashMap<>();
        for (String column : ScoreTable.averageColumns(shots)) {
            averages.put(column.split("/")[0], ScoreTable.value(scores, column, LevelScore::score));
        }
        return averages;
    }

    private static Map<String, Double> deltas(Row row) {
        Map<String, Double> deltas = new LinkedHashMap<>();
        if (row.baseScores().isEmpty()) {
            return deltas;
        }
        for (String column : columns(shotCounts(List.of(row)))) {
            deltas.put(column, ScoreTable.value(row.scores(), column, LevelScore::score)
                    - ScoreTable.value(row.baseScores(), column, LevelScore::score));
        }
        return deltas;
    }

    /** The interval of a column: a level/shots score's, or the level's combined 0/k interval from the details. */
    private static double[] interval(Row row, String column, boolean base) {
        String[] parts = column.split("/");
        if (parts[1].equals(ScoreTable.AVERAGE)) {
            JsonNode combined = row.details().path(base ? "baseLevels" : "levels").path(parts[0]).path("combinedInterval");
            return new double[] {number(combined.path("low")), number(combined.path("high"))};
        }
        List<LevelScore> scores = base ? row.baseScores() : row.scores();
        return ScoreTable.find(scores, column).map(s -> new double[] {s.ciLow(), s.ciHigh()})
                .orElse(new double[] {Double.NaN, Double.NaN});
    }

    private static double number(JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        return node.isTextual() ? parseOrNaN(node.asText()) : Double.NaN;
    }

    private static double parseOrNaN(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static Map<String, Map<String, Map<String, Double>>> factorComparison(List<Row> rows, List<Integer> shots) {
        Map<String, Map<String, Map<String, Double>>> comparison = new LinkedHashMap<>();
        for (String factor : factorPaths(rows)) {
            Map<String, Map<String, Double>> byValue = new LinkedHashMap<>();
            for (String value : factorValues(rows, factor)) {
                List<Row> matching = rows.stream().filter(Row::completed).filter(r -> value.equals(r.factors().get(factor))).toList();
                Map<String, Double> means = new LinkedHashMap<>();
                for (String column : columns(shots)) {
                    means.put(column, matching.stream().mapToDouble(r -> ScoreTable.value(r.scores(), column, LevelScore::score))
                            .filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN));
                }
                byValue.put(value, means);
            }
            comparison.put(factor, byValue);
        }
        return comparison;
    }

    private static Set<String> factorPaths(List<Row> rows) {
        Set<String> paths = new LinkedHashSet<>();
        rows.forEach(r -> paths.addAll(r.factors().keySet()));
        return paths;
    }

    private static Set<String> factorValues(List<Row> rows, String factor) {
        Set<String> values = new LinkedHashSet<>();
        rows.forEach(r -> {
            if (r.factors().containsKey(factor)) {
                values.add(r.factors().get(factor));
            }
        });
        return values;
    }

    // ---- HTML sections ----

    private static String protocolNote(int k, Row example) {
        StringBuilder note = new StringBuilder("<p class=\"note\">Scores are percentages: accuracy by rank classification for ")
                .append("closed-label tasks, Rouge-L F1 (SuperNI's rouge_score tokens with stemming) or exact match of greedy ")
                .append("generations otherwise, each the best over the references. Tasks are aggregated in OPT-IML §4.1's ")
                .append("order: task subtypes, then one dataset across collections, then categories, then the level. ")
                .append("Brackets are seeded bootstrap 95% intervals over instances; <b>avg</b> is the mean of 0-shot and ")
                .append(k).append("-shot, the paper's model-selection score. L1 = held-out categories, L2 = held-out tasks of ")
                .append("seen categories, L3 = held-out instances of training tasks.");
        if (example != null && !example.base().isEmpty()) {
            note.append(" The base model is <code>").append(HtmlReport.escape(example.base()))
                    .append("</code>").append(example.base().equals("init")
                            ? " (the run's own step-0 weights: what training started from)" : "").append(".");
        }
        return note.append("</p>\n").toString();
    }

    private static String scoreTable(List<Row> rows, List<Integer> shots, boolean withBase) {
        List<String> columns = columns(shots);
        StringBuilder html = new StringBuilder("<table><tr><th>run</th>");
        columns.forEach(c -> html.append("<th>").append(ScoreTable.header(c)).append("</th>"));
        html.append("</tr>\n");
        for (Row row : rows) {
            html.append("<tr><td>").append(HtmlReport.escape(row.name())).append("</td>");
            if (!row.completed()) {
                html.append("<td class=\"failed\" colspan=\"").append(columns.size()).append("\">failed: ")
                        .append(HtmlReport.escape(row.failure())).append("</td></tr>\n");
                continue;
            }
            for (String c : columns) {
                html.append("<td>").append(scoreCell(ScoreTable.value(row.scores(), c, LevelScore::score), interval(row, c, false)))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        List<Row> completed = rows.stream().filter(Row::completed).toList();
        if (withBase && !completed.isEmpty() && !completed.get(0).baseScores().isEmpty()) {
            Row first = completed.get(0);
            html.append("<tr><td>base (").append(HtmlReport.escape(first.base())).append(")</td>");
            for (String c : columns) {
                html.append("<td>").append(scoreCell(ScoreTable.value(first.baseScores(), c, LevelScore::score), interval(first, c, true)))
                        .append("</td>");
            }
            html.append("</tr>\n");
            for (Row row : completed) {
                if (row.baseScores().isEmpty()) {
                    continue;
                }
                html.append("<tr><td>Δ ").append(HtmlReport.escape(row.name())).append(" − base</td>");
                for (String c : columns) {
                    double delta = ScoreTable.value(row.scores(), c, LevelScore::score)
                            - ScoreTable.value(row.baseScores(), c, LevelScore::score);
                    html.append("<td class=\"").append(delta >= 0 ? "pos" : "neg").append("\">")
                            .append(Double.isNaN(delta) ? "—" : String.format(Locale.ROOT, "%+.1f", 100 * delta)).append("</td>");
                }
                html.append("</tr>\n");
            }
        }
        html.append("<tr class=\"chance\"><td>chance</td>");
        List<LevelScore> any = completed.isEmpty() ? List.of() : completed.get(0).scores();
        for (String c : columns) {
            html.append("<td>").append(ScoreTable.percent(ScoreTable.value(any, c, LevelScore::chance))).append("</td>");
        }
        html.append("</tr></table>\n");
        return html.toString();
    }

    private static String scoreCell(double score, double[] interval) {
        String text = ScoreTable.percent(score);
        if (!Double.isNaN(interval[0]) && !Double.isNaN(interval[1])) {
            text += " <span class=\"ci\">[" + ScoreTable.percent(interval[0]) + "–" + ScoreTable.percent(interval[1]) + "]</span>";
        }
        return text;
    }

    private static BarChart experimentChart(Row row, List<Integer> shots) {
        List<String> series = new ArrayList<>();
        List<String> seriesColumns = new ArrayList<>();
        List<Boolean> seriesBase = new ArrayList<>();
        for (int k : shots) {
            series.add(k + "-shot");
            seriesColumns.add("/" + k);
            seriesBase.add(false);
        }
        if (shots.size() > 1) {
            series.add("avg (0-shot, " + shots.get(shots.size() - 1) + "-shot)");
            seriesColumns.add("/" + ScoreTable.AVERAGE);
            seriesBase.add(false);
        }
        if (!row.baseScores().isEmpty()) {
            series.add("base " + (shots.size() > 1 ? "avg" : shots.get(0) + "-shot"));
            seriesColumns.add(shots.size() > 1 ? "/" + ScoreTable.AVERAGE : "/" + shots.get(0));
            seriesBase.add(true);
        }
        return levelChart("Per-level scores (%), bootstrap 95% intervals; dashed: chance", series, (s, level) -> {
            String column = level + seriesColumns.get(s);
            List<LevelScore> scores = seriesBase.get(s) ? row.baseScores() : row.scores();
            double[] ci = interval(row, column, seriesBase.get(s));
            return new double[] {ScoreTable.value(scores, column, LevelScore::score), ci[0], ci[1]};
        }, row.scores());
    }

    private static BarChart gridChart(List<Row> rows, List<Integer> shots) {
        String suffix = shots.size() > 1 ? "/" + ScoreTable.AVERAGE : "/" + shots.get(0);
        String what = shots.size() > 1 ? "average of 0-shot and " + shots.get(shots.size() - 1) + "-shot" : shots.get(0) + "-shot";
        List<String> series = rows.stream().map(Row::name).toList();
        return levelChart("Per-level scores across grid cells (%, " + what + "), bootstrap 95% intervals; dashed: chance",
                series, (s, level) -> {
                    Row row = rows.get(s);
                    double[] ci = interval(row, level + suffix, false);
                    return new double[] {ScoreTable.value(row.scores(), level + suffix, LevelScore::score), ci[0], ci[1]};
                }, rows.isEmpty() ? List.of() : rows.get(0).scores());
    }

    @FunctionalInterface
    private interface BarValue {
        /** {value, low, high} in [0, 1] for series s at a level. */
        double[] at(int series, String level);
    }

    private static BarChart levelChart(String title, List<String> series, BarValue value, List<LevelScore> chanceSource) {
        List<String> groups = ScoreTable.LEVELS.stream().map(ScoreTable::levelName).toList();
        int levels = ScoreTable.LEVELS.size();
        double[][] values = new double[series.size()][levels];
        double[][] low = new double[series.size()][levels];
        double[][] high = new double[series.size()][levels];
        double[] chance = new double[levels];
        for (int l = 0; l < levels; l++) {
            String level = ScoreTable.LEVELS.get(l);
            for (int s = 0; s < series.size(); s++) {
                double[] v = value.at(s, level);
                values[s][l] = 100 * v[0];
                low[s][l] = 100 * v[1];
                high[s][l] = 100 * v[2];
            }
            chance[l] = 100 * chanceSource.stream().filter(x -> x.level().equals(level)).mapToDouble(LevelScore::chance)
                    .findFirst().orElse(Double.NaN);
        }
        return new BarChart(title, groups, series, values, low, high, chance, "chance");
    }

    private static String factorSection(List<Row> rows, List<Integer> shots) {
        Map<String, Map<String, Map<String, Double>>> comparison = factorComparison(rows, shots);
        if (comparison.isEmpty()) {
            return "";
        }
        List<String> columns = columns(shots);
        StringBuilder html = new StringBuilder("<h2>Grid factors</h2>\n<p class=\"note\">Each factor's levels against ")
                .append("per-level scores: the mean over the completed cells that have that level.</p>\n");
        for (Map.Entry<String, Map<String, Map<String, Double>>> factor : comparison.entrySet()) {
            html.append("<table><tr><th>").append(HtmlReport.escape(factor.getKey())).append("</th>");
            columns.forEach(c -> html.append("<th>").append(ScoreTable.header(c)).append("</th>"));
            html.append("</tr>\n");
            for (Map.Entry<String, Map<String, Double>> value : factor.getValue().entrySet()) {
                html.append("<tr><td>").append(HtmlReport.escape(value.getKey())).append("</td>");
                columns.forEach(c -> html.append("<td>").append(ScoreTable.percent(value.getValue().get(c))).append("</td>"));
                html.append("</tr>\n");
            }
            html.append("</table>\n");
            if (comparison.size() > 1) {
                List<String> values = new ArrayList<>(factor.getValue().keySet());
                String suffix = shots.size() > 1 ? "/" + ScoreTable.AVERAGE : "/" + shots.get(0);
                html.append(HtmlReport.barChart(levelChart(factor.getKey() + ": per-level scores (%)", values,
                        (s, level) -> new double[] {factor.getValue().get(values.get(s)).get(level + suffix), Double.NaN, Double.NaN},
                        List.of())));
            }
        }
        return html.toString();
    }

    private static String categoryTables(List<Row> rows, List<Integer> shots) {
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<h2>Per category</h2>\n<p class=\"note\">Category scores (mean over the ")
                .append("category's data sources) with bootstrap 95% intervals.</p>\n");
        for (String level : ScoreTable.LEVELS) {
            Set<String> categories = new TreeSet<>();
            for (Row row : rows) {
                for (int k : shots) {
                    row.level(level).path("shots").path(Integer.toString(k)).path("categories").fieldNames()
                            .forEachRemaining(categories::add);
                }
            }
            if (categories.isEmpty()) {
                continue;
            }
            html.append("<h3>").append(ScoreTable.levelName(level)).append("</h3>\n<table><tr><th>category</th>");
            for (Row row : rows) {
                for (int k : shots) {
                    html.append("<th>").append(rows.size() > 1 ? HtmlReport.escape(row.name()) + "<br>" : "").append(k)
                            .append("-shot</th>");
                }
            }
            html.append("</tr>\n");
            for (String category : categories) {
                html.append("<tr><td>").append(HtmlReport.escape(category)).append("</td>");
                for (Row row : rows) {
                    for (int k : shots) {
                        JsonNode atShots = row.level(level).path("shots").path(Integer.toString(k));
                        JsonNode ci = atShots.path("categoryIntervals").path(category);
                        html.append("<td>").append(scoreCell(number(atShots.path("categories").path(category)),
                                new double[] {number(ci.path("low")), number(ci.path("high"))})).append("</td>");
                    }
                }
                html.append("</tr>\n");
            }
            html.append("</table>\n");
        }
        return html.toString();
    }

    private static String collectionTable(List<Row> rows, List<Integer> shots) {
        Set<String> collections = new TreeSet<>();
        for (Row row : rows) {
            for (String level : ScoreTable.LEVELS) {
                for (int k : shots) {
                    row.level(level).path("shots").path(Integer.toString(k)).path("collections").fieldNames()
                            .forEachRemaining(collections::add);
                }
            }
        }
        if (collections.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<h2>Per collection</h2>\n<p class=\"note\">Mean over each collection's ")
                .append("tasks (subtypes merged) at each level: which benchmarks' phrasings the model handles.</p>\n")
                .append("<table><tr><th>run</th><th>collection</th>");
        List<String> columns = ScoreTable.columns(shots);
        columns.forEach(c -> html.append("<th>").append(ScoreTable.header(c)).append("</th>"));
        html.append("</tr>\n");
        for (Row row : rows) {
            for (String collection : collections) {
                html.append("<tr><td>").append(HtmlReport.escape(row.name())).append("</td><td>")
                        .append(HtmlReport.escape(collection)).append("</td>");
                for (String c : columns) {
                    String[] parts = c.split("/");
                    html.append("<td>").append(ScoreTable.percent(number(row.level(parts[0]).path("shots").path(parts[1])
                            .path("collections").path(collection)))).append("</td>");
                }
                html.append("</tr>\n");
            }
        }
        return html.append("</table>\n").toString();
    }

    private static String diagnostics(List<Row> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<h2>Diagnostics</h2>\n");
        html.append("<h3>Output format and verbosity</h3>\n<p class=\"note\">OPT-IML §4.2 (Table 7): 0.5% dialogue data ")
                .append("made the model lose output-format conformance. <b>compliance</b>: share of free answers in the ")
                .append("expected format (a candidate label for closed-label tasks, probed by greedy generation on the first ")
                .append("instances; a number or a single line for generation tasks, as the references are); <b>verbosity</b>: ")
                .append("answer words over reference words (1 = as long as the reference).</p>\n");
        Set<String> categories = new TreeSet<>();
        for (Row row : rows) {
            for (String level : ScoreTable.LEVELS) {
                row.level(level).path("format").fieldNames().forEachRemaining(c -> categories.add(level + "\t" + c));
            }
        }
        html.append("<table><tr><th>level / category</th>");
        rows.forEach(r -> html.append("<th>").append(HtmlReport.escape(r.name())).append("<br>compliance</th><th>verbosity</th>"));
        html.append("</tr>\n");
        double[][] compliance = new double[rows.size()][categories.size()];
        List<String> categoryLabels = new ArrayList<>();
        int index = 0;
        for (String key : categories) {
            String[] parts = key.split("\t");
            String label = ScoreTable.levelName(parts[0]) + " " + parts[1];
            categoryLabels.add(label);
            html.append("<tr><td>").append(HtmlReport.escape(label)).append("</td>");
            for (int r = 0; r < rows.size(); r++) {
                JsonNode stats = rows.get(r).level(parts[0]).path("format").path(parts[1]);
                compliance[r][index] = 100 * number(stats.path("compliance"));
                html.append("<td>").append(ScoreTable.percent(number(stats.path("compliance"))))
                        .append(" <span class=\"ci\">n=").append(stats.path("answers").asInt()).append("</span></td><td>")
                        .append(ratio(number(stats.path("verbosity")))).append("</td>");
            }
            html.append("</tr>\n");
            index++;
        }
        html.append("</table>\n");
        if (!categoryLabels.isEmpty()) {
            html.append(HtmlReport.barChart(BarChart.plain("Output-format compliance by category (%)", categoryLabels,
                    rows.stream().map(Row::name).toList(), compliance)));
        }

        html.append("<h3>Sensitivity to templates and delimiters</h3>\n<p class=\"note\">MetaICL fragility (OPT-IML ")
                .append("§4.2, Tables 8 and 21): the first instances of every task are scored 0-shot under several ")
                .append("(template, delimiter) variants. <b>task range</b>: best minus worst variant's task score, in points; ")
                .append("<b>instance spread</b>: the same per instance. 0 means the prompt wording does not matter.</p>\n");
        html.append("<table><tr><th>level / category</th>");
        rows.forEach(r -> html.append("<th>").append(HtmlReport.escape(r.name()))
                .append("<br>task range</th><th>max</th><th>instance spread</th>"));
        html.append("</tr>\n");
        double[][] ranges = new double[rows.size()][ScoreTable.LEVELS.size()];
        for (int l = 0; l < ScoreTable.LEVELS.size(); l++) {
            String level = ScoreTable.LEVELS.get(l);
            Set<String> levelCategories = new TreeSet<>();
            rows.forEach(r -> r.level(level).path("sensitivity").fieldNames().forEachRemaining(levelCategories::add));
            for (String category : levelCategories) {
                html.append("<tr><td>").append(ScoreTable.levelName(level)).append(" ").append(HtmlReport.escape(category)).append("</td>");
                rows.forEach(r -> html.append(sensitivityCells(r.level(level).path("sensitivity").path(category))));
                html.append("</tr>\n");
            }
            if (!levelCategories.isEmpty()) {
                html.append("<tr><td><b>").append(ScoreTable.levelName(level)).append(" all</b></td>");
                rows.forEach(r -> html.append(sensitivityCells(r.level(level).path("sensitivityOverall"))));
                html.append("</tr>\n");
            }
            for (int r = 0; r < rows.size(); r++) {
                ranges[r][l] = 100 * number(rows.get(r).level(level).path("sensitivityOverall").path("meanTaskRange"));
            }
        }
        html.append("</table>\n");
        html.append(HtmlReport.barChart(BarChart.plain("Mean task range across prompt variants (points)",
                ScoreTable.LEVELS.stream().map(ScoreTable::levelName).toList(), rows.stream().map(Row::name).toList(), ranges)));
        return html.toString();
    }

    private static String sensitivityCells(JsonNode stats) {
        return "<td>" + ScoreTable.percent(number(stats.path("meanTaskRange"))) + " <span class=\"ci\">"
                + stats.path("tasks").asInt() + (stats.path("tasks").asInt() == 1 ? " task × " : " tasks × ")
                + stats.path("variants").asInt() + "</span></td><td>"
                + ScoreTable.percent(number(stats.path("maxTaskRange"))) + "</td><td>"
                + ScoreTable.percent(number(stats.path("meanInstanceSpread"))) + "</td>";
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.2f×", value);
    }

    private String lossChart(List<Row> rows) {
        List<String> series = new ArrayList<>();
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (Row row : rows) {
            JsonNode history = lossHistory(row.training());
            if (history == null || history.isEmpty()) {
                continue;
            }
            double[] x = new double[history.size()];
            double[] y = new double[history.size()];
            for (int j = 0; j < history.size(); j++) {
                x[j] = history.get(j).path("step").asDouble();
                y[j] = history.get(j).path("loss").asDouble();
            }
            series.add(row.name());
            xs.add(x);
            ys.add(y);
        }
        return HtmlReport.lineChart("Training loss (label loss on target tokens) by step", series, xs, ys);
    }

    private JsonNode lossHistory(TrainResult training) {
        if (training == null || training.lossCurveUri() == null) {
            return null;
        }
        try {
            return JSON.readTree(artifacts.store().getBytes(S3Uri.parse(training.lossCurveUri()))).path("lossHistory");
        } catch (IOException | ObjectStoreException e) {
            LOG.warn("no loss curve at {}: {}", training.lossCurveUri(), e.getMessage());
            return null;
        }
    }

    // ---- files ----

    private static String csv(List<Row> rows) {
        StringBuilder csv = new StringBuilder(CSV_HEADER);
        for (Row row : rows) {
            if (!row.completed()) {
                csv.append(csvField(row.name())).append(",FAILED,,,,,,,,,\n");
                continue;
            }
            List<Integer> shots = shotCounts(List.of(row));
            csvRows(csv, row, "trained", row.scores(), shots);
            if (!row.baseScores().isEmpty()) {
                csvRows(csv, row, "base", row.baseScores(), shots);
            }
        }
        return csv.toString();
    }

    private static void csvRows(StringBuilder csv, Row row, String model, List<LevelScore> scores, List<Integer> shots) {
        boolean base = model.equals("base");
        for (String column : columns(shots)) {
            String[] parts = column.split("/");
            double score = ScoreTable.value(scores, column, LevelScore::score);
            if (Double.isNaN(score)) {
                continue;
            }
            double[] ci = interval(row, column, base);
            double delta = base || row.baseScores().isEmpty() ? Double.NaN
                    : score - ScoreTable.value(row.baseScores(), column, LevelScore::score);
            int tasks = scores.stream().filter(s -> s.level().equals(parts[0])).mapToInt(LevelScore::tasks).findFirst().orElse(0);
            csv.append(String.join(",", csvField(row.name()), "COMPLETED", model, parts[0], parts[1], number(score),
                    number(ci[0]), number(ci[1]), number(ScoreTable.value(scores, column, LevelScore::chance)),
                    Integer.toString(tasks), number(delta))).append('\n');
        }
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : Double.toString(value);
    }

    private ReportRef publish(String outputUri, String owner, Map<String, Object> results, String csv, String html, byte[] png) {
        S3Uri out = S3Uri.parse(outputUri).asPrefix();
        Path scratch = artifacts.newScratchDir("report");
        try {
            Path dir = scratch.resolve("report");
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve(RESULTS_JSON).toFile(), results);
            Files.writeString(dir.resolve(RESULTS_CSV), csv, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(REPORT_HTML), html, StandardCharsets.UTF_8);
            Files.write(dir.resolve(CHART_PNG), png);
            String hash = ContentHash.of(FORMAT_VERSION, JSON.readTree(dir.resolve(RESULTS_JSON).toFile()));
            // A report is derived from results that may legitimately change when a run is repeated: replace it.
            artifacts.publisher().readManifest(out).filter(m -> !m.hash().equals(hash))
                    .ifPresent(stale -> artifacts.store().deletePrefix(out));
            artifacts.publisher().publish(dir, out, new ArtifactDescription(FORMAT_VERSION, "report", hash,
                    "imlab Report", owner, Map.of()));
            return new ReportRef(out.toString(), out.resolve(RESULTS_JSON).toString(), out.resolve(RESULTS_CSV).toString(),
                    out.resolve(REPORT_HTML).toString(), out.resolve(CHART_PNG).toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report for " + owner, e);
        } finally {
            ArtifactServices.deleteQuietly(scratch);
        }
    }

    private static String csvField(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
