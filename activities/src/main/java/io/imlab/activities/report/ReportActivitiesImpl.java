package io.imlab.activities.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.imlab.activities.ArtifactServices;
import io.imlab.activities.store.ArtifactDescription;
import io.imlab.activities.store.ObjectStoreException;
import io.imlab.activities.store.S3Uri;
import io.imlab.cookbook.hash.ContentHash;
import io.imlab.workflows.ReportActivities;
import io.imlab.workflows.payload.CellOutcome;
import io.imlab.workflows.payload.CellStatus;
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
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes {@code results.json}, {@code results.csv} and a self-contained {@code report.html} for one
 * experiment or a whole grid (per-level scores across cells, chance levels, loss curves).
 */
public final class ReportActivitiesImpl implements ReportActivities {
    public static final String FORMAT_VERSION = "imlab-report-v1";
    public static final String RESULTS_JSON = "results.json";
    public static final String RESULTS_CSV = "results.csv";
    public static final String REPORT_HTML = "report.html";
    private static final Logger LOG = LoggerFactory.getLogger(ReportActivitiesImpl.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ArtifactServices artifacts;

    public ReportActivitiesImpl(ArtifactServices artifacts) {
        this.artifacts = artifacts;
    }

    @Override
    public ReportRef writeExperimentReport(ExperimentReportInput input) {
        List<LevelScore> scores = input.eval().scores();
        List<Integer> shots = shotCounts(scores);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("run", input.runId());
        results.put("spec", input.spec());
        results.put("bench", input.bench());
        results.put("mixture", input.mixture());
        results.put("training", input.training());
        results.put("scores", scores);

        StringBuilder csv = new StringBuilder("run,level,shots,score,chance,tasks\n");
        for (LevelScore s : scores) {
            csv.append(String.join(",", csvField(input.runId()), s.level(), Integer.toString(s.shots()),
                    Double.toString(s.score()), Double.toString(s.chance()), Integer.toString(s.tasks()))).append('\n');
        }
        StringBuilder body = new StringBuilder();
        body.append("<h1>Experiment ").append(HtmlReport.escape(input.spec().name())).append("</h1>\n");
        body.append("<p>Run <code>").append(HtmlReport.escape(input.runId())).append("</code>; bench <code>")
                .append(HtmlReport.escape(input.bench().hash(), 12)).append("</code>; mixture <code>")
                .append(HtmlReport.escape(input.mixture().hash(), 12)).append("</code> (")
                .append(input.mixture().sequences()).append(" sequences); ")
                .append(input.training().step()).append(" steps, final loss ")
                .append(String.format("%.3f", input.training().finalLoss())).append(".</p>\n");
        body.append(scoreTable(List.of(input.runId()), List.of(scores), List.of(""), shots));
        body.append(lossChart(List.of(input.runId()), List.of(input.training())));
        return publish(input.outputUri(), input.runId(), results, csv.toString(),
                HtmlReport.page("imlab experiment " + input.spec().name(), body.toString()));
    }

    @Override
    public ReportRef writeGridReport(GridReportInput input) {
        List<String> names = new ArrayList<>();
        List<List<LevelScore>> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<TrainResult> trainings = new ArrayList<>();
        List<String> trainingNames = new ArrayList<>();
        List<Map<String, Object>> cells = new ArrayList<>();
        StringBuilder csv = new StringBuilder("cell,status,level,shots,score,chance,tasks\n");
        for (CellOutcome outcome : input.outcomes()) {
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("cell", outcome.cellName());
            cell.put("factors", outcome.factors());
            cell.put("status", outcome.status());
            cell.put("workflowId", outcome.workflowId());
            names.add(outcome.cellName());
            if (outcome.status() == CellStatus.COMPLETED && outcome.result() != null) {
                List<LevelScore> scores = outcome.result().evalResult().scores();
                rows.add(scores);
                notes.add("");
                cell.put("scores", scores);
                cell.put("runId", outcome.result().runId());
                cell.put("reportUri", outcome.result().reportRef() == null ? null : outcome.result().reportRef().htmlUri());
                cell.put("finalLoss", outcome.result().trainResult().finalLoss());
                trainings.add(outcome.result().trainResult());
                trainingNames.add(outcome.cellName());
                for (LevelScore s : scores) {
                    csv.append(String.join(",", csvField(outcome.cellName()), outcome.status().name(), s.level(),
                            Integer.toString(s.shots()), Double.toString(s.score()), Double.toString(s.chance()),
                            Integer.toString(s.tasks()))).append('\n');
                }
            } else {
                rows.add(List.of());
                notes.add(outcome.failure());
                cell.put("failure", outcome.failure());
                csv.append(csvField(outcome.cellName())).append(',').append(outcome.status().name()).append(",,,,,\n");
            }
            cells.add(cell);
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("grid", input.gridId());
        results.put("cells", cells);
        List<Integer> shots = shotCounts(rows.stream().flatMap(List::stream).toList());

        StringBuilder body = new StringBuilder();
        body.append("<h1>Grid ").append(HtmlReport.escape(input.gridId())).append("</h1>\n");
        long completed = input.outcomes().stream().filter(o -> o.status() == CellStatus.COMPLETED).count();
        body.append("<p>").append(completed).append(" of ").append(input.outcomes().size())
                .append(" cells completed. Scores are percentages (accuracy for closed-label tasks, Rouge-L F1 or exact ")
                .append("match for generation), averaged per category, then per level (OPT-IML §4.1).</p>\n");
        body.append(scoreTable(names, rows, notes, shots));
        body.append(lossChart(trainingNames, trainings));
        return publish(input.outputUri(), input.gridId(), results, csv.toString(),
                HtmlReport.page("imlab grid " + input.gridId(), body.toString()));
    }

    private static List<Integer> shotCounts(List<LevelScore> scores) {
        TreeSet<Integer> shots = new TreeSet<>();
        scores.forEach(s -> shots.add(s.shots()));
        return shots.isEmpty() ? List.of(0) : List.copyOf(shots);
    }

    private static String scoreTable(List<String> names, List<List<LevelScore>> rows, List<String> notes,
                                     List<Integer> shots) {
        List<String> columns = ScoreTable.columns(shots);
        StringBuilder html = new StringBuilder("<table><tr><th>run</th>");
        columns.forEach(c -> html.append("<th>").append(ScoreTable.header(c)).append("</th>"));
        html.append("</tr>\n");
        for (int r = 0; r < names.size(); r++) {
            html.append("<tr><td>").append(HtmlReport.escape(names.get(r))).append("</td>");
            if (rows.get(r).isEmpty()) {
                html.append("<td class=\"failed\" colspan=\"").append(columns.size()).append("\">failed: ")
                        .append(HtmlReport.escape(notes.get(r))).append("</td>");
            } else {
                for (String c : columns) {
                    List<LevelScore> row = rows.get(r);
                    html.append("<td>").append(ScoreTable.find(row, c).map(s -> ScoreTable.percent(s.score())).orElse("—"))
                            .append("</td>");
                }
            }
            html.append("</tr>\n");
        }
        html.append("<tr class=\"chance\"><td>chance</td>");
        List<LevelScore> any = rows.stream().filter(r -> !r.isEmpty()).findFirst().orElse(List.of());
        for (String c : columns) {
            html.append("<td>").append(ScoreTable.find(any, c).map(s -> ScoreTable.percent(s.chance())).orElse("—"))
                    .append("</td>");
        }
        html.append("</tr></table>\n");
        return html.toString();
    }

    private String lossChart(List<String> names, List<TrainResult> trainings) {
        List<String> series = new ArrayList<>();
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (int i = 0; i < trainings.size(); i++) {
            JsonNode history = lossHistory(trainings.get(i));
            if (history == null || history.isEmpty()) {
                continue;
            }
            double[] x = new double[history.size()];
            double[] y = new double[history.size()];
            for (int j = 0; j < history.size(); j++) {
                x[j] = history.get(j).path("step").asDouble();
                y[j] = history.get(j).path("loss").asDouble();
            }
            series.add(names.get(i));
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

    private ReportRef publish(String outputUri, String owner, Map<String, Object> results, String csv, String html) {
        S3Uri out = S3Uri.parse(outputUri).asPrefix();
        Path scratch = artifacts.newScratchDir("report");
        try {
            Path dir = scratch.resolve("report");
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve(RESULTS_JSON).toFile(), results);
            Files.writeString(dir.resolve(RESULTS_CSV), csv, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(REPORT_HTML), html, StandardCharsets.UTF_8);
            String hash = ContentHash.of(FORMAT_VERSION, JSON.readTree(dir.resolve(RESULTS_JSON).toFile()));
            // A report is derived from results that may legitimately change when a run is repeated: replace it.
            artifacts.publisher().readManifest(out).filter(m -> !m.hash().equals(hash))
                    .ifPresent(stale -> artifacts.store().deletePrefix(out));
            artifacts.publisher().publish(dir, out, new ArtifactDescription(FORMAT_VERSION, "report", hash,
                    "imlab Report", owner, Map.of()));
            return new ReportRef(out.toString(), out.resolve(RESULTS_JSON).toString(), out.resolve(RESULTS_CSV).toString(),
                    out.resolve(REPORT_HTML).toString());
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
