package io.imlab.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.imlab.activities.index.RunIndex;
import io.imlab.workflows.AblationGridWorkflow;
import io.imlab.workflows.ExperimentWorkflow;
import io.imlab.workflows.payload.ExperimentProgress;
import io.imlab.workflows.payload.ExperimentStep;
import io.imlab.workflows.payload.GridProgress;
import io.imlab.workflows.payload.TrainProgress;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;

import java.io.PrintStream;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@code imlab status} prints: without an id every indexed grid and run (from the run index in the object
 * store); with a grid id the grid, then each cell with its step and live training progress; with a run id that
 * run. Live state comes from workflow queries and the training attempt's heartbeat; runs that have ended are read
 * from the index alone, with the failure reason that names the step.
 */
public final class StatusReport {
    private final WorkflowClient client;
    private final RunIndex index;
    private final String bucket;
    private final PrintStream out;

    public StatusReport(WorkflowClient client, RunIndex index, String bucket, PrintStream out) {
        this.client = client;
        this.index = index;
        this.bucket = bucket;
        this.out = out;
    }

    /** Every grid and standalone run, newest first. */
    public void listAll() {
        List<RunIndex.Entry> entries = index.list(bucket);
        if (entries.isEmpty()) {
            out.println("no runs in s3://" + bucket + "/ yet (imlab submit <spec> starts one)");
            return;
        }
        out.printf(Locale.ROOT, "%-5s %-44s %-10s %-21s %s%n", "KIND", "ID", "STATUS", "UPDATED", "DETAIL");
        for (RunIndex.Entry e : entries) {
            out.printf(Locale.ROOT, "%-5s %-44s %-10s %-21s %s%n", e.kind(), e.id(), e.status(),
                    e.updatedAt() == null ? "" : e.updatedAt().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"),
                    detail(e.document()));
        }
    }

    /** One grid (with its cells) or one run; false when the id is neither indexed nor known to Temporal. */
    public boolean show(String id) {
        Optional<JsonNode> grid = index.grid(bucket, id);
        if (grid.isPresent()) {
            showGrid(id, grid.get());
            return true;
        }
        Optional<JsonNode> run = index.run(bucket, id);
        Optional<ExperimentProgress> live = run.map(r -> r.path("status").asText()).filter("RUNNING"::equals)
                .flatMap(s -> experimentProgress(id)).or(() -> run.isEmpty() ? experimentProgress(id) : Optional.empty());
        if (run.isEmpty() && live.isEmpty()) {
            return false;
        }
        out.println("run " + id + "  " + runLine(id, run.orElse(null), live.orElse(null)));
        return true;
    }

    private void showGrid(String gridId, JsonNode grid) {
        Optional<GridProgress> live = "RUNNING".equals(grid.path("status").asText()) ? gridProgress(gridId) : Optional.empty();
        if (live.isPresent()) {
            GridProgress p = live.get();
            out.printf(Locale.ROOT, "grid %s  %s: %d cells, %d waiting, %d running, %d completed, %d failed, %d cancelled%s%n",
                    gridId, p.status(), p.total(), p.waiting(), p.runningCells().size(), p.completed(), p.failed(),
                    p.cancelled(), p.gpusInUse() > 0 ? ", " + p.gpusInUse() + " GPUs in use" : "");
        } else {
            out.printf(Locale.ROOT, "grid %s  %s: %d cells, %d completed, %d failed, %d cancelled%s%n", gridId,
                    grid.path("status").asText(), grid.path("cells").size(), grid.path("completed").asInt(),
                    grid.path("failed").asInt(), grid.path("cancelled").asInt(),
                    grid.hasNonNull("reportUri") ? "; report " + grid.path("reportUri").asText() : "");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = grid.path("cells").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> cell = it.next();
            String runId = cell.getValue().asText();
            Optional<JsonNode> run = index.run(bucket, runId);
            String status = run.map(r -> r.path("status").asText()).orElse(null);
            ExperimentProgress progress = "RUNNING".equals(status) ? experimentProgress(runId).orElse(null) : null;
            out.printf(Locale.ROOT, "  %-40s %s%n", cell.getKey(), run.isEmpty() && progress == null
                    ? (live.isPresent() || "RUNNING".equals(grid.path("status").asText()) ? "WAITING" : "NOT STARTED")
                    : runLine(runId, run.orElse(null), progress));
        }
    }

    private String runLine(String runId, JsonNode run, ExperimentProgress live) {
        if (live != null) {
            String steps = live.completed().stream().map(ExperimentStep::label).collect(Collectors.joining(","));
            String step = live.step() == null ? "starting" : live.step().label();
            String training = live.step() == ExperimentStep.TRAIN ? trainingProgress(runId).map(t ->
                    String.format(Locale.ROOT, " (step %d, loss %.3f)", t.step(), t.loss())).orElse("") : "";
            return live.status() + "  " + step + training + (steps.isEmpty() ? "" : "  done: " + steps)
                    + (live.failure() == null ? "" : "  " + live.failure());
        }
        String status = run.path("status").asText();
        return status + (run.hasNonNull("failure") ? "  " + run.path("failure").asText() : "")
                + (run.hasNonNull("reportUri") ? "  report " + run.path("reportUri").asText() : "");
    }

    private static String detail(JsonNode doc) {
        if (doc.hasNonNull("failure")) {
            return doc.path("failure").asText();
        }
        if (doc.has("cells")) {
            return doc.path("cells").size() + " cells: " + doc.path("completed").asInt() + " completed, "
                    + doc.path("failed").asInt() + " failed, " + doc.path("cancelled").asInt() + " cancelled";
        }
        return doc.hasNonNull("reportUri") ? doc.path("reportUri").asText() : "";
    }

    private Optional<GridProgress> gridProgress(String id) {
        try {
            return Optional.of(client.newWorkflowStub(AblationGridWorkflow.class, id).progress());
        } catch (RuntimeException unreachable) {
            return Optional.empty();
        }
    }

    private Optional<ExperimentProgress> experimentProgress(String id) {
        try {
            return Optional.of(client.newWorkflowStub(ExperimentWorkflow.class, id).progress());
        } catch (RuntimeException unreachable) {
            return Optional.empty();
        }
    }

    /** The running training attempt's last heartbeat: its step and loss. */
    private Optional<TrainProgress> trainingProgress(String runId) {
        try {
            List<PendingActivityInfo> pending = client.getWorkflowServiceStubs().blockingStub()
                    .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                            .setNamespace(client.getOptions().getNamespace())
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(runId)).build())
                    .getPendingActivitiesList();
            return pending.stream()
                    .filter(a -> a.getActivityType().getName().equals("Training.Train") && a.hasHeartbeatDetails())
                    .findFirst()
                    .map(a -> DefaultDataConverter.newDefaultInstance().fromPayloads(0,
                            Optional.of(a.getHeartbeatDetails()), TrainProgress.class, TrainProgress.class));
        } catch (RuntimeException unavailable) {
            return Optional.empty();
        }
    }
}
